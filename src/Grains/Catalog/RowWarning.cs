namespace Aisle.Catalog;

/// <summary>A row that became a product, but one of its values was unusable and is treated as unknown.</summary>
/// <param name="Line">1-based line of the file where the row starts (the header is line 1).</param>
/// <param name="Row">1-based number of the data row (the header is not counted).</param>
/// <param name="ProductId">The product's id.</param>
/// <param name="Reason">Which value was dropped and why, in words.</param>
public sealed record RowWarning(long Line, int Row, string ProductId, string Reason);
