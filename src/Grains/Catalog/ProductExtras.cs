namespace Aisle.Catalog;

/// <summary>What the full-column Flipkart file adds to a catalog product; either value may be missing.</summary>
/// <param name="Description">Cleaned description text.</param>
/// <param name="ImageUrl">The first valid absolute http(s) image URL of the <c>image</c> list.</param>
internal sealed record ProductExtras(string? Description, string? ImageUrl);
