using Aisle.Recommendations;

namespace Aisle.Catalog;

/// <summary>One product with its live price and stock, for the product page.</summary>
/// <param name="Siblings">Other variants of the product (colours, designs, sizes: its family), in stock first, at most
/// <see cref="MaxSiblings"/>; lists show one member of a family, so this is where a shopper finds the rest.</param>
/// <param name="SiblingCount">How many siblings the product has in all (more than <see cref="Siblings"/> holds when capped).</param>
[GenerateSerializer, Immutable]
public sealed record ProductDetails(
    [property: Id(0)] RankedItem Product,
    [property: Id(1)] string Sku,
    [property: Id(2)] string? Description,
    [property: Id(3)] double Popularity,
    [property: Id(4)] IReadOnlyList<string> Neighbours,
    [property: Id(5)] IReadOnlyList<RankedItem> Siblings,
    [property: Id(6)] int SiblingCount)
{
    /// <summary>Siblings sent at most: one tablet cover of the Flipkart catalog comes in 141 designs.</summary>
    public const int MaxSiblings = 48;
}

/// <summary>Whether this silo's catalog replica and indexes are loaded.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogStatus(
    [property: Id(0)] bool Ready,
    [property: Id(1)] int Products,
    [property: Id(2)] string Stage);
