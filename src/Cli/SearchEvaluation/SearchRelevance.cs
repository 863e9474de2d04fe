namespace Aisle.Cli.SearchEvaluation;

/// <summary>
/// Set-based relevance at a cutoff with binary gains: precision@K is the relevant share of the K places (an empty
/// place counts as a miss), NDCG@K the discounted gain of the relevant places over the best possible with
/// <c>min(K, relevant in the catalog)</c> relevant products on top.
/// </summary>
public static class SearchRelevance
{
    public const int Cutoff = 10;

    public static double Precision(IReadOnlyList<bool> relevant, int k = Cutoff) =>
        relevant.Take(k).Count(r => r) / (double)k;

    public static double Ndcg(IReadOnlyList<bool> relevant, int relevantInCatalog, int k = Cutoff)
    {
        var ideal = Dcg(Enumerable.Repeat(true, Math.Min(k, relevantInCatalog)).ToList(), k);
        return ideal == 0 ? 0 : Dcg(relevant, k) / ideal;
    }

    private static double Dcg(IReadOnlyList<bool> relevant, int k)
    {
        var sum = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            sum += relevant[i] ? 1 / Math.Log2(i + 2) : 0;
        }

        return sum;
    }
}
