using Aisle.Catalog;
using Aisle.Recommendations;

namespace Aisle.Frontend.Application;

/// <summary>Catalog look-ups for the API and the pages: one product, several products, readiness.</summary>
public sealed class CatalogQueries(IGrainFactory grains)
{
    private ICatalogGrain Catalog => grains.GetGrain<ICatalogGrain>(0);

    public async Task<Outcome<ProductDetails>> GetProductAsync(string? productId)
    {
        var v = new RequestValidator();
        var id = v.Id("id", productId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await Catalog.GetProductAsync(id!) is { } details ? details : AppProblem.NotFound("product", id!);
    }

    /// <summary>The products of <paramref name="productIds"/> the catalog holds, in that order.</summary>
    public Task<IReadOnlyList<RankedItem>> GetItemsAsync(IReadOnlyList<string> productIds) =>
        productIds.Count == 0 ? Task.FromResult<IReadOnlyList<RankedItem>>([]) : Catalog.GetItemsAsync(productIds);

    public Task<CatalogStatus> GetStatusAsync() => Catalog.GetStatusAsync();
}
