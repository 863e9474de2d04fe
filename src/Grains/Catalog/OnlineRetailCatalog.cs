using System.Globalization;

namespace Aisle.Catalog;

/// <summary>
/// Loads the UCI Online Retail invoice lines as a catalog: one product per stock code, described by its lines.
/// </summary>
/// <remarks>
/// <para>Id and <see cref="Product.Sku"/> are the stock code, upper-cased. The name is the description the code's lines
/// give most often (cleaned by <see cref="TextRepair"/>, title-cased for display); stock notes typed in lower case
/// (<c>damages</c>, <c>check</c>, <c>?</c>) are not names. The price is the code's most frequent positive unit price,
/// as both retail and discounted price (the shop has no list price). Ties go to the value that reached the count
/// first, so the result depends only on the file. There is no brand or rating; the category comes from the name
/// (<see cref="OnlineRetailCategories"/>) and the stock from <see cref="InitialStock"/>.</para>
/// <para>Every line counts towards name and price, cancellations included (they repeat the sale's description and
/// price). A line is rejected, with its line number and reason and without stopping the load, when it cannot be read
/// (<see cref="OnlineRetailCsv"/>: broken quoting, wrong field count, no stock code, a non-product code such as
/// POST or BANK CHARGES, a quantity or price that is not a number), or when no line of its stock code has a
/// description, since a product needs a name. A product no line gives a positive price keeps an unknown price (never
/// 0), with a warning.</para>
/// </remarks>
public static class OnlineRetailCatalog
{
    /// <summary>Loads the catalog from an Online Retail CSV file.</summary>
    public static CatalogLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(text);
    }

    /// <summary>Loads the catalog from Online Retail CSV text, read once and left open.</summary>
    public static CatalogLoadResult Load(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rejected = new List<RejectedRow>();
        var codes = new Dictionary<string, StockCodeLines>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var row in OnlineRetailCsv.Read(text))
        {
            rows++;
            if (row.Rejection is not null)
            {
                rejected.Add(new RejectedRow(row.Line, row.Row, row.StockCode.Length > 0 ? row.StockCode : null, row.Rejection));
                continue;
            }

            if (!codes.TryGetValue(row.StockCode, out var lines))
            {
                lines = new StockCodeLines(row.StockCode);
                codes.Add(row.StockCode, lines);
            }

            lines.Add(row);
        }

        var products = new List<Product>(codes.Count);
        var warnings = new List<RowWarning>();
        var repaired = 0;
        var withoutPrice = 0;
        var textInfo = CultureInfo.InvariantCulture.TextInfo;
        foreach (var lines in codes.Values)
        {
            if (lines.Name is null)
            {
                var reason = $"no line of stock code {lines.Code} has a product description";
                rejected.AddRange(lines.Seen.Select(seen => new RejectedRow(seen.Line, seen.Row, lines.Code, reason)));
                continue;
            }

            var price = lines.Price;
            if (price is null)
            {
                withoutPrice++;
                warnings.Add(new RowWarning(lines.Seen[0].Line, lines.Seen[0].Row, lines.Code,
                    $"no line of stock code {lines.Code} has a positive {OnlineRetailCsv.UnitPrice}: price unknown"));
            }

            repaired += lines.NameRepaired ? 1 : 0;
            products.Add(new Product(
                Id: lines.Code,
                Sku: lines.Code,
                Name: textInfo.ToTitleCase(lines.Name.ToLowerInvariant()),
                Brand: null,
                CategoryPath: OnlineRetailCategories.For(lines.Name),
                RetailPrice: price,
                DiscountedPrice: price,
                Rating: null,
                Description: null,
                InitialStock: InitialStock.For(lines.Code)));
        }

        rejected.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new CatalogLoadResult(
            Products: products,
            Rejected: rejected,
            Warnings: warnings,
            RowsRead: rows,
            Repaired: repaired,
            WithoutPrice: withoutPrice,
            WithoutBrand: products.Count,
            WithoutRating: products.Count,
            WithDescription: 0);
    }

    /// <summary>What the lines of one stock code say about it, counted as they are read.</summary>
    private sealed class StockCodeLines(string code)
    {
        private readonly Dictionary<string, (int Count, bool Repaired)> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<decimal, int> _prices = [];
        private int _bestNameCount;
        private int _bestPriceCount;

        public string Code { get; } = code;

        public List<(long Line, int Row)> Seen { get; } = [];

        public string? Name { get; private set; }

        public bool NameRepaired { get; private set; }

        public decimal? Price { get; private set; }

        public void Add(OnlineRetailRow row)
        {
            Seen.Add((row.Line, row.Row));
            var name = TextRepair.Fix(row.Description, out var repaired).TrimEnd(',', ' ');
            if (IsName(name))
            {
                var count = _names.TryGetValue(name, out var seen) ? seen.Count + 1 : 1;
                _names[name] = (count, seen.Repaired || repaired);
                if (count > _bestNameCount)
                {
                    (_bestNameCount, Name, NameRepaired) = (count, name, _names[name].Repaired);
                }
            }

            if (row.UnitPrice > 0)
            {
                var count = _prices.GetValueOrDefault(row.UnitPrice) + 1;
                _prices[row.UnitPrice] = count;
                if (count > _bestPriceCount)
                {
                    (_bestPriceCount, Price) = (count, row.UnitPrice);
                }
            }
        }

        /// <summary>Product descriptions are written in capitals; notes about stock (<c>damages</c>, <c>?</c>) are not.</summary>
        private static bool IsName(string text) => text.Any(char.IsUpper);
    }
}
