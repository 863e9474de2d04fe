using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The bundled Flipkart catalog, loaded once for all tests that read it.</summary>
public sealed class RealCatalogFixture
{
    public RealCatalogFixture()
    {
        Result = CatalogLoader.Load(RepoFiles.Catalog20k, RepoFiles.CatalogFullColumns);
        ById = Result.Products.ToDictionary(p => p.Id);
    }

    public CatalogLoadResult Result { get; }

    public IReadOnlyDictionary<string, Product> ById { get; }
}
