namespace Aisle.Catalog;

/// <summary>One catalog product as loaded from the source file; immutable, price and stock change in grains.</summary>
/// <param name="Id">Stable product id (Flipkart <c>uniq_id</c>).</param>
/// <param name="CategoryPath">Category tree from the root, without the trailing product-name leaf.</param>
/// <param name="RetailPrice">List price; null when the source has none (never 0).</param>
/// <param name="DiscountedPrice">Selling price; null when unknown.</param>
/// <param name="Rating">Product rating 0–5; null for "No rating available".</param>
/// <param name="ImageUrl">The first product image URL the source gives; null when it has none.</param>
public sealed record Product(
    string Id,
    string Sku,
    string Name,
    string? Brand,
    IReadOnlyList<string> CategoryPath,
    decimal? RetailPrice,
    decimal? DiscountedPrice,
    double? Rating,
    string? Description,
    int InitialStock,
    string? ImageUrl = null)
{
    /// <summary>The price a shopper pays: the discounted price when known, else the retail price.</summary>
    public decimal? Price => DiscountedPrice ?? RetailPrice;

    /// <summary>The category path joined as <c>A &gt; B &gt; C</c>.</summary>
    public string Category => string.Join(" > ", CategoryPath);
}
