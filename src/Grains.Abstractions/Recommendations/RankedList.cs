namespace Aisle.Recommendations;

/// <summary>A ranked product list with the reasons for each item; what every list endpoint returns.</summary>
/// <param name="Understood">For searches: what was read from the query text (price bounds, brand, category…).</param>
[GenerateSerializer, Immutable]
public sealed record RankedList(
    [property: Id(0)] IReadOnlyList<RankedItem> Items,
    [property: Id(1)] QueryUnderstood? Understood = null);

/// <param name="Sources">Candidate sources that proposed the item: vector, lexical, neighbours, trending…</param>
[GenerateSerializer, Immutable]
public sealed record RankedItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Brand,
    [property: Id(3)] string Category,
    [property: Id(4)] decimal? Price,
    [property: Id(5)] decimal? RetailPrice,
    [property: Id(6)] int Stock,
    [property: Id(7)] double? Rating,
    [property: Id(8)] double Score,
    [property: Id(9)] IReadOnlyList<string> Reasons,
    [property: Id(10)] IReadOnlyList<string> Sources,
    [property: Id(11)] string? ImageUrl = null);

/// <summary>What query understanding read from a search text.</summary>
[GenerateSerializer, Immutable]
public sealed record QueryUnderstood(
    [property: Id(0)] string Text,
    [property: Id(1)] double? MinPrice,
    [property: Id(2)] double? MaxPrice,
    [property: Id(3)] string? Brand,
    [property: Id(4)] string? Category,
    [property: Id(5)] string? Gender,
    [property: Id(6)] IReadOnlyList<string> Notes);
