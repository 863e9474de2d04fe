using CsvHelper;

namespace Aisle.Catalog;

/// <summary>Reads the <c>description</c> column of the full-column Flipkart file, keyed by <c>uniq_id</c>.</summary>
internal static class DescriptionIndex
{
    /// <summary>Cleaned descriptions by product id. Rows without id or description, or with broken quoting, are
    /// skipped: a description is optional and a product never depends on it.</summary>
    public static Dictionary<string, string> Read(CsvReader reader, MalformedRecords malformed)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        reader.ReadHeader();
        var idColumn = CatalogCsv.Require(reader, CatalogCsv.Id);
        var descriptionColumn = CatalogCsv.Require(reader, CatalogCsv.Description);
        while (reader.Read())
        {
            if (malformed.TryTake(reader.RowNumber + 1, out var problem) && problem.Reason != CsvMalformedReason.StrayQuote)
            {
                continue;
            }

            var id = reader.GetString(idColumn).Trim();
            var description = TextRepair.Fix(reader.GetString(descriptionColumn));
            if (id.Length > 0 && description.Length > 0)
            {
                descriptions.TryAdd(id, description);
            }
        }

        return descriptions;
    }
}
