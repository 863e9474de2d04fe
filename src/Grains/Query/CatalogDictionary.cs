using Aisle.Catalog;

namespace Aisle.Query;

/// <summary>
/// What the catalog knows that query rules need: its brands (<see cref="BrandDictionary"/>) and its category tree with
/// the words that point into it (<see cref="CategoryInference"/>). Built once from the products; immutable and thread-safe.
/// </summary>
public sealed class CatalogDictionary(BrandDictionary brands, CategoryInference categories, int productCount)
{
    /// <summary>Number of products the dictionary was built from.</summary>
    public int ProductCount { get; } = productCount;

    public BrandDictionary Brands { get; } = brands;

    public CategoryInference Categories { get; } = categories;

    public static CatalogDictionary Build(IEnumerable<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        var all = products.Where(p => p is not null).ToList();
        return new CatalogDictionary(BrandDictionary.Build(all), CategoryInference.Build(all), all.Count);
    }
}
