using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The bundled Online Retail slice read once as a catalog and as a purchase history.</summary>
public sealed class OnlineRetailFixture
{
    public OnlineRetailFixture()
    {
        Catalog = OnlineRetailCatalog.Load(RepoFiles.OnlineRetail);
        ById = Catalog.Products.ToDictionary(p => p.Id);
        History = OnlineRetailHistory.Read(RepoFiles.OnlineRetail, Catalog.Products);
    }

    public CatalogLoadResult Catalog { get; }

    public IReadOnlyDictionary<string, Product> ById { get; }

    public OnlineRetailHistory History { get; }
}
