using CsvHelper;

namespace Aisle.Catalog;

/// <summary>Column names of the Flipkart files and the CsvHelper settings they are read with.</summary>
internal static class CatalogCsv
{
    public const string Id = "uniq_id";
    public const string Name = "product_name";
    public const string CategoryTree = "product_category_tree";
    public const string Pid = "pid";
    public const string RetailPrice = "retail_price";
    public const string DiscountedPrice = "discounted_price";
    public const string ProductRating = "product_rating";
    public const string OverallRating = "overall_rating";
    public const string Brand = "brand";
    public const string Description = "description";
    public const string Image = "image";

    /// <summary>RFC 4180 with line breaks in quotes (descriptions have them); malformed quoting is recovered and
    /// reported to <paramref name="malformed"/> rather than thrown, and ragged rows are allowed so the loader can
    /// reject them itself with a reason.</summary>
    public static CsvReaderOptions Options(MalformedRecords malformed, bool hasHeader = true, bool lineBreaksInQuotes = true) =>
        CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = hasHeader,
            AllowLineBreaksInQuotes = lineBreaksInQuotes,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            PoolStrings = true,
            OnMalformedRecord = malformed.Add,
        };

    public static int Require(CsvReader reader, string column) =>
        reader.TryGetFieldIndex(column, out var index)
            ? index
            : throw new InvalidDataException($"The catalog file has no '{column}' column.");

    public static int Optional(CsvReader reader, string column) =>
        reader.TryGetFieldIndex(column, out var index) ? index : -1;
}
