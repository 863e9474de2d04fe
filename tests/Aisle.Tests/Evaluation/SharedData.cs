namespace Aisle.Tests.Evaluation;

/// <summary>The read-only data sets beside the repository (<c>../shared/data</c> from the repository root).</summary>
public static class SharedData
{
    /// <summary>The Amazon Beauty sequence file. Fails (never skips) when it is missing: the PopRec check must run.</summary>
    public static string BeautyFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "amazon-beauty", "Beauty.txt");
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException("../shared/data/amazon-beauty/Beauty.txt was not found above the test folder.");
    }
}
