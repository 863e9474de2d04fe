using Aisle.Catalog;
using Aisle.Tests.Catalog;

namespace Aisle.Tests.Retrieval;

/// <summary>The bundled 20k Flipkart catalog as the real loader reads it, loaded once per run for index and query tests.</summary>
public static class LexicalTestCatalog
{
    private static readonly Lazy<IReadOnlyList<Product>> Lazy = new(() => CatalogLoader.Load(RepoFiles.Catalog20k).Products);

    public static IReadOnlyList<Product> Products => Lazy.Value;

    public static string RepositoryRoot() => RepoFiles.Root;
}
