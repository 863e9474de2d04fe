namespace Aisle.Tests.Catalog;

/// <summary>Finds files of the repository by walking up from the test binaries to the folder holding Aisle.sln.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Catalog20k => Path.Combine(Root, "data", "flipkart", "catalog_20k.csv");

    public static string CatalogFullColumns => Path.Combine(Root, "data", "flipkart", "catalog_1k_fullcols.csv");

    public static string OnlineRetail => Path.Combine(Root, "data", "online-retail", "online_retail_2010-12_slice.csv");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aisle.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Aisle.sln not found above " + AppContext.BaseDirectory);
    }
}
