namespace Aisle.Catalog;

/// <summary>A source row that did not become a product.</summary>
/// <param name="Line">1-based line of the file where the row starts (the header is line 1).</param>
/// <param name="Row">1-based number of the data row (the header is not counted).</param>
/// <param name="ProductId">The row's <c>uniq_id</c> when it could be read; otherwise null.</param>
/// <param name="Reason">Why the row was rejected, in words.</param>
public sealed record RejectedRow(long Line, int Row, string? ProductId, string Reason);
