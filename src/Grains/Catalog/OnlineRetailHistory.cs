using System.Globalization;

namespace Aisle.Catalog;

/// <summary>
/// The purchase history of the UCI Online Retail file: per customer, the baskets (invoices) they bought, in time
/// order. Read with the same line rules as <see cref="OnlineRetailCatalog"/>, for replaying real shoppers against Aisle.
/// </summary>
/// <remarks>
/// A line is a purchase when it is readable (<see cref="OnlineRetailCsv"/>), has a customer id, is not a cancellation
/// (invoice number starting with <c>C</c>), has a positive quantity, a date in the file's format <c>M/d/yy H:mm</c>,
/// and a stock code that is a product of the given catalog. Every other line is left out and counted.
/// </remarks>
/// <param name="Customers">Customers who bought anything, in the order of their first basket.</param>
/// <param name="Baskets">Every basket of every customer in time order (then invoice number): the shop's day as it happened.</param>
/// <param name="LinesRead">Data lines in the file.</param>
/// <param name="LinesUsed">Lines that became basket lines; the others have no customer, are cancelled or returns,
/// are unreadable or not a catalog product.</param>
public sealed record OnlineRetailHistory(
    IReadOnlyList<OnlineRetailCustomer> Customers,
    IReadOnlyList<OnlineRetailBasket> Baskets,
    int LinesRead,
    int LinesUsed)
{
    /// <summary>The file's date format, such as <c>12/1/10 8:26</c>.</summary>
    public const string DateFormat = "M/d/yy H:mm";

    /// <summary>Reads the history of the file at <paramref name="path"/>, keeping the products of <paramref name="catalog"/>.</summary>
    public static OnlineRetailHistory Read(string path, IEnumerable<Product> catalog)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(text, catalog);
    }

    /// <summary>Reads the history from Online Retail CSV text (read once, left open), keeping the products of
    /// <paramref name="catalog"/> (by id, which is the upper-cased stock code).</summary>
    public static OnlineRetailHistory Read(TextReader text, IEnumerable<Product> catalog)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        var products = catalog.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var invoices = new Dictionary<string, InvoiceLines>(StringComparer.Ordinal);
        int read = 0, used = 0;
        foreach (var row in OnlineRetailCsv.Read(text))
        {
            read++;
            if (row.Rejection is not null || row.CustomerId is null || row.IsCancellation || row.Quantity <= 0
                || !products.Contains(row.StockCode)
                || !DateTime.TryParseExact(row.InvoiceDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }

            if (!invoices.TryGetValue(row.InvoiceNo, out var invoice))
            {
                invoice = new InvoiceLines(row.CustomerId, row.Country, date);
                invoices.Add(row.InvoiceNo, invoice);
            }

            invoice.Date = date < invoice.Date ? date : invoice.Date;
            invoice.Lines.Add(new OnlineRetailLine(row.StockCode, row.Quantity, row.UnitPrice));
            used++;
        }

        var baskets = invoices
            .Select(i => (Basket: new OnlineRetailBasket(i.Key, i.Value.CustomerId, i.Value.Date, i.Value.Lines), i.Value.Country))
            .OrderBy(b => b.Basket.InvoiceDate)
            .ThenBy(b => b.Basket.InvoiceNo, StringComparer.Ordinal)
            .ToList();
        var customers = baskets
            .GroupBy(b => b.Basket.CustomerId, StringComparer.Ordinal)
            .Select(g => new OnlineRetailCustomer(g.Key, g.First().Country, g.Select(b => b.Basket).ToList()))
            .ToList();
        return new OnlineRetailHistory(customers, baskets.Select(b => b.Basket).ToList(), read, used);
    }

    /// <summary>An invoice as its lines are read. An invoice belongs to one customer in this file; should a line say
    /// otherwise, the first line's customer keeps it.</summary>
    private sealed class InvoiceLines(string customerId, string country, DateTime date)
    {
        public string CustomerId { get; } = customerId;

        public string Country { get; } = country;

        public DateTime Date { get; set; } = date;

        public List<OnlineRetailLine> Lines { get; } = [];
    }
}
