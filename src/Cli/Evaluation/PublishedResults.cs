namespace Aisle.Cli.Evaluation;

/// <summary>A published full-ranking result on Amazon Beauty (the S3-Rec preprocessing), for the report.</summary>
public sealed record PublishedResult(string Model, double HitRate10, double Ndcg10, double? HitRate20, double? Ndcg20, string Source);

public static class PublishedResults
{
    /// <summary>The figures of <c>../shared/data/README.md</c>: valid only for Beauty.txt, shown only for it.</summary>
    public static readonly IReadOnlyList<PublishedResult> Beauty =
    [
        new("PopRec", 0.0152, 0.0068, 0.0217, 0.0084, "S3-Rec paper, Table 2"),
        new("GRU4Rec", 0.0283, 0.0137, 0.0479, 0.0187, "S3-Rec paper, Table 2"),
        new("BERT4Rec", 0.0347, 0.0170, 0.0599, 0.0233, "S3-Rec paper, Table 2"),
        new("SASRec", 0.0605, 0.0318, 0.0902, 0.0394, "S3-Rec paper, Table 2"),
        new("S3-Rec", 0.0647, 0.0327, 0.0994, 0.0414, "S3-Rec paper, Table 2"),
        new("ICLRec", 0.0744, 0.0403, 0.1058, 0.0483, "README of ICLRec's public code"),
        new("Item co-occurrence script", 0.0906, 0.0584, null, null, "data README (plain ~40-line model)"),
    ];

    /// <summary>Whether <paramref name="file"/> is the file the anchors were published on.</summary>
    public static bool AppliesTo(string file) => Path.GetFileName(file).Equals("Beauty.txt", StringComparison.OrdinalIgnoreCase);
}
