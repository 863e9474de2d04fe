using System.Globalization;
using CsvHelper;

namespace Aisle.Catalog;

/// <summary>
/// Reads the invoice lines of the UCI Online Retail file (<c>InvoiceNo,StockCode,Description,Quantity,InvoiceDate,
/// UnitPrice,CustomerID,Country,TotalPrice</c>) for both the catalog and the purchase history, so the two judge a line
/// the same way.
/// </summary>
/// <remarks>
/// A line is unusable (<see cref="OnlineRetailRow.Rejection"/>) when its quoting is broken, its field count differs
/// from the header, it has no stock code, its stock code is not a product's (<see cref="OnlineRetailCodes"/>), or its
/// quantity is not an integer or its unit price not a number. Descriptions never span lines in this file, so a quote
/// left open costs only its own line.
/// </remarks>
internal static class OnlineRetailCsv
{
    public const string InvoiceNo = "InvoiceNo";
    public const string StockCode = "StockCode";
    public const string Description = "Description";
    public const string Quantity = "Quantity";
    public const string InvoiceDate = "InvoiceDate";
    public const string UnitPrice = "UnitPrice";
    public const string CustomerId = "CustomerID";
    public const string Country = "Country";

    /// <summary>Every data line, in file order. A file without the columns above throws <see cref="InvalidDataException"/>.</summary>
    public static IEnumerable<OnlineRetailRow> Read(TextReader text)
    {
        var malformed = new MalformedRecords();
        using var reader = CsvReader.Create(text, CatalogCsv.Options(malformed, lineBreaksInQuotes: false), leaveOpen: true);
        reader.ReadHeader();
        var fieldCount = reader.Headers.Count;
        var invoice = Require(reader, InvoiceNo);
        var code = Require(reader, StockCode);
        var description = Require(reader, Description);
        var quantity = Require(reader, Quantity);
        var date = Require(reader, InvoiceDate);
        var price = Require(reader, UnitPrice);
        var customer = Require(reader, CustomerId);
        var country = Require(reader, Country);
        var row = 0;
        while (reader.Read())
        {
            row++;
            var line = reader.LineNumber;
            string? Field(int column) => column < reader.FieldCount ? reader.GetString(column).Trim() : null;
            var stockCode = Field(code)?.ToUpperInvariant() ?? "";
            string? rejection = null;
            var quantityValue = 0;
            var priceValue = 0m;
            if (malformed.TryTake(reader.RowNumber + 1, out var problem) && problem.Reason != CsvMalformedReason.StrayQuote)
            {
                rejection = problem.Reason == CsvMalformedReason.TextAfterClosingQuote
                    ? "text follows the closing quote of a field"
                    : "a quoted field is never closed";
            }
            else if (reader.FieldCount != fieldCount)
            {
                rejection = $"has {reader.FieldCount} fields, expected {fieldCount}";
            }
            else if (stockCode.Length == 0)
            {
                rejection = $"missing {StockCode}";
            }
            else if (OnlineRetailCodes.WhyNotAProduct(stockCode) is { } notAProduct)
            {
                rejection = notAProduct;
            }
            else if (!int.TryParse(Field(quantity), NumberStyles.Integer, CultureInfo.InvariantCulture, out quantityValue))
            {
                rejection = $"{Quantity} '{Field(quantity)}' is not an integer";
            }
            else if (!decimal.TryParse(Field(price), NumberStyles.Number, CultureInfo.InvariantCulture, out priceValue))
            {
                rejection = $"{UnitPrice} '{Field(price)}' is not a number";
            }

            yield return new OnlineRetailRow(
                Line: line,
                Row: row,
                InvoiceNo: Field(invoice) ?? "",
                StockCode: stockCode,
                Description: Field(description) ?? "",
                Quantity: quantityValue,
                InvoiceDate: Field(date) ?? "",
                UnitPrice: priceValue,
                CustomerId: CustomerIdOf(Field(customer)),
                Country: Field(country) ?? "",
                Rejection: rejection);
        }
    }

    /// <summary>Some copies of the dataset write ids as decimals (<c>17850.0</c>); the id is the integer.</summary>
    private static string? CustomerIdOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.EndsWith(".0", StringComparison.Ordinal) ? text[..^2] : text;
    }

    private static int Require(CsvReader reader, string column) =>
        reader.TryGetFieldIndex(column, out var index)
            ? index
            : throw new InvalidDataException($"The Online Retail file has no '{column}' column.");
}
