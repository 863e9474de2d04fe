namespace Aisle.Recommendations;

/// <summary>A validated product search. Explicit filters win over what is understood from the query text.</summary>
[GenerateSerializer, Immutable]
public sealed record SearchRequest(
    [property: Id(0)] string Query,
    [property: Id(1)] string? Category,
    [property: Id(2)] string? Brand,
    [property: Id(3)] double? MinPrice,
    [property: Id(4)] double? MaxPrice,
    [property: Id(5)] bool InStockOnly,
    [property: Id(6)] string? UserId,
    [property: Id(7)] int Limit);
