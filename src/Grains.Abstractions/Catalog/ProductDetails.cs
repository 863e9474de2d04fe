using Aisle.Recommendations;

namespace Aisle.Catalog;

/// <summary>One product with its live price and stock, for the product page.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductDetails(
    [property: Id(0)] RankedItem Product,
    [property: Id(1)] string Sku,
    [property: Id(2)] string? Description,
    [property: Id(3)] double Popularity,
    [property: Id(4)] IReadOnlyList<string> Neighbours);

/// <summary>Whether this silo's catalog replica and indexes are loaded.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogStatus(
    [property: Id(0)] bool Ready,
    [property: Id(1)] int Products,
    [property: Id(2)] string Stage);
