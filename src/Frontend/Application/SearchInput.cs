namespace Aisle.Frontend.Application;

/// <summary>A search as it arrives (query string or form): strings, validated by <see cref="ProductLists"/>.</summary>
public sealed record SearchInput(
    string? Q = null, string? Category = null, string? Brand = null, string? MinPrice = null, string? MaxPrice = null,
    string? InStock = null, string? UserId = null, string? Limit = null);
