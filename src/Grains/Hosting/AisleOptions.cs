using Aisle.Catalog;

namespace Aisle.Hosting;

/// <summary>Where Aisle keeps its data and finds its catalog (configuration section <c>Aisle</c>).</summary>
public sealed class AisleOptions
{
    public const string Section = "Aisle";

    /// <summary>Folder for the grain database and the embedding cache. Default <c>.aisle-data</c> under the working directory.</summary>
    public string DataDirectory { get; set; } = ".aisle-data";

    /// <summary>Folder for the embedding cache. Default: <see cref="DataDirectory"/>. Several data directories
    /// (tests, demos) can share one cache, since it is keyed by product text.</summary>
    public string? EmbeddingCacheDirectory { get; set; }

    /// <summary>Catalog CSV, in the columns <see cref="CatalogFormat"/> names. Default: the bundled file of that format
    /// (<c>data/flipkart/catalog_20k.csv</c>, <c>data/online-retail/online_retail_2010-12_slice.csv</c>), found by
    /// walking up from the working directory and the application folder.</summary>
    public string? CatalogFile { get; set; }

    /// <summary>What kind of file <see cref="CatalogFile"/> is, and so which loader reads it. Default
    /// <see cref="Catalog.CatalogFormat.Flipkart"/>.</summary>
    public CatalogFormat CatalogFormat { get; set; } = CatalogFormat.Flipkart;

    /// <summary>Optional CSV whose <c>description</c> and <c>image</c> columns are joined by <c>uniq_id</c>. Default: the bundled
    /// <c>data/flipkart/catalog_1k_fullcols.csv</c> when present.</summary>
    public string? DescriptionsFile { get; set; }

    /// <summary>Show a progress bar while the catalog loads (only when the console is interactive). Default true.</summary>
    public bool ShowProgress { get; set; } = true;

    public string ResolveCatalogFile()
    {
        var bundled = CatalogFormat == CatalogFormat.OnlineRetail
            ? "data/online-retail/online_retail_2010-12_slice.csv"
            : "data/flipkart/catalog_20k.csv";
        return CatalogFile ?? FindBundled(bundled)
            ?? throw new FileNotFoundException($"No catalog: set Aisle:CatalogFile, or run from a checkout that has {bundled}.");
    }

    /// <summary>Loads the catalog with the loader of <see cref="CatalogFormat"/>; the descriptions file only joins
    /// onto a Flipkart catalog (its ids are Flipkart's).</summary>
    public CatalogLoadResult LoadCatalog() => CatalogFormat switch
    {
        CatalogFormat.OnlineRetail => OnlineRetailCatalog.Load(ResolveCatalogFile()),
        _ => CatalogLoader.Load(ResolveCatalogFile(), ResolveDescriptionsFile()),
    };

    public string? ResolveDescriptionsFile() => DescriptionsFile ?? FindBundled("data/flipkart/catalog_1k_fullcols.csv");

    private static string? FindBundled(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
