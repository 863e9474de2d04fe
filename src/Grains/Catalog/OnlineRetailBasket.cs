namespace Aisle.Catalog;

/// <summary>One invoice of an Online Retail customer: what was bought together.</summary>
/// <param name="InvoiceNo">The invoice number.</param>
/// <param name="CustomerId">Who bought it.</param>
/// <param name="InvoiceDate">When, in the shop's local time (UK) as the file gives it, to the minute; the earliest
/// time of the invoice's lines when they differ.</param>
/// <param name="Lines">The products bought, in file order; a product listed twice on the invoice stays two lines.</param>
public sealed record OnlineRetailBasket(string InvoiceNo, string CustomerId, DateTime InvoiceDate, IReadOnlyList<OnlineRetailLine> Lines);
