namespace Aisle.Catalog;

/// <summary>One product bought in an Online Retail basket.</summary>
/// <param name="StockCode">The product's id in the Online Retail catalog (upper-cased stock code).</param>
/// <param name="Quantity">Units bought, always positive.</param>
/// <param name="UnitPrice">Price paid per unit, as the line gives it (0 for a free item).</param>
public sealed record OnlineRetailLine(string StockCode, int Quantity, decimal UnitPrice);
