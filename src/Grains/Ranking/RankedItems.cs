using Aisle.Catalog;
using Aisle.Recommendations;

namespace Aisle.Ranking;

/// <summary>A product as a list shows it: the replica's live price and stock, with a list's score, reasons and sources.</summary>
public static class RankedItems
{
    public static RankedItem Describe(CatalogReplica catalog, int row, double score, IReadOnlyList<string> reasons, IReadOnlyList<string> sources)
    {
        var p = catalog.Product(row);
        var price = catalog.Price(row);
        return new RankedItem(
            p.Id, p.Name, p.Brand, p.Category, price is { } v ? (decimal)v : null, p.RetailPrice,
            catalog.Stock(row), p.Rating, Math.Round(score, 4), reasons, sources, p.ImageUrl);
    }
}
