namespace Aisle.Catalog;

/// <summary>
/// Catalog look-ups answered from the receiving silo's replica (a stateless worker on every silo): products for the
/// product page, which ids exist, and whether the catalog is loaded. Prices and stock are as live as the replica.
/// </summary>
public interface ICatalogGrain : IGrainWithIntegerKey
{
    /// <summary>The product with its live price and stock; null when the catalog has no such id.</summary>
    Task<ProductDetails?> GetProductAsync(string productId);

    /// <summary>Several products at once, in the order asked, unknown ids left out (cart, orders, recently viewed).</summary>
    Task<IReadOnlyList<Recommendations.RankedItem>> GetItemsAsync(IReadOnlyList<string> productIds);

    /// <summary>The ids among <paramref name="productIds"/> that the catalog does not hold.</summary>
    Task<IReadOnlyList<string>> UnknownProductsAsync(IReadOnlyList<string> productIds);

    Task<CatalogStatus> GetStatusAsync();
}
