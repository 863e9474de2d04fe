namespace Aisle.Catalog;

/// <summary>One invoice line of the UCI Online Retail file, read but not yet judged as a product or a purchase.</summary>
/// <param name="Line">1-based line of the file (the header is line 1).</param>
/// <param name="Row">1-based number of the data row.</param>
/// <param name="StockCode">Trimmed and upper-cased: the file spells some codes both ways (<c>85123a</c>, <c>85123A</c>) for one product.</param>
/// <param name="CustomerId">Null when the line has none.</param>
/// <param name="Rejection">Why the line cannot be used at all; null for a usable line. The other values of a rejected
/// line may be missing.</param>
internal sealed record OnlineRetailRow(
    long Line,
    int Row,
    string InvoiceNo,
    string StockCode,
    string Description,
    int Quantity,
    string InvoiceDate,
    decimal UnitPrice,
    string? CustomerId,
    string Country,
    string? Rejection)
{
    /// <summary>A cancellation: the invoice number starts with <c>C</c>.</summary>
    public bool IsCancellation => InvoiceNo.StartsWith('C');
}
