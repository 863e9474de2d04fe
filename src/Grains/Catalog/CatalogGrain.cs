using Aisle.Ranking;
using Aisle.Recommendations;
using Orleans.Concurrency;

namespace Aisle.Catalog;

/// <summary>Catalog look-ups from the receiving silo's replica: a stateless, reentrant worker like the read path.</summary>
[StatelessWorker, Reentrant]
public sealed class CatalogGrain(CatalogReplica catalog, TimeProvider clock) : Grain, ICatalogGrain
{
    public Task<ProductDetails?> GetProductAsync(string productId)
    {
        catalog.EnsureReady();
        if (!catalog.TryGetRow(productId, out var row))
        {
            return Task.FromResult<ProductDetails?>(null);
        }

        var product = catalog.Product(row);
        var siblings = catalog.Families.Members(row).Where(member => member != row).ToArray();
        var shown = siblings.OrderByDescending(member => catalog.Stock(member) > 0).Take(ProductDetails.MaxSiblings)
            .Select(member => RankedItems.Describe(catalog, member, 0, [], [])).ToArray();
        var details = new ProductDetails(
            RankedItems.Describe(catalog, row, 0, [], []), product.Sku, product.Description, catalog.Popularity(row, clock.GetUtcNow()), catalog.Neighbours(row),
            shown, siblings.Length);
        return Task.FromResult<ProductDetails?>(details);
    }

    public Task<IReadOnlyList<RankedItem>> GetItemsAsync(IReadOnlyList<string> productIds)
    {
        catalog.EnsureReady();
        var items = new List<RankedItem>(productIds.Count);
        foreach (var id in productIds)
        {
            if (catalog.TryGetRow(id, out var row))
            {
                items.Add(RankedItems.Describe(catalog, row, 0, [], []));
            }
        }

        return Task.FromResult<IReadOnlyList<RankedItem>>(items);
    }

    public Task<IReadOnlyList<string>> UnknownProductsAsync(IReadOnlyList<string> productIds)
    {
        catalog.EnsureReady();
        IReadOnlyList<string> unknown = productIds.Where(id => !catalog.TryGetRow(id, out _)).Distinct().ToArray();
        return Task.FromResult(unknown);
    }

    public Task<CatalogStatus> GetStatusAsync() => Task.FromResult(new CatalogStatus(catalog.Ready, catalog.Count, catalog.Stage));
}
