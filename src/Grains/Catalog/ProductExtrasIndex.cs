using CsvHelper;

namespace Aisle.Catalog;

/// <summary>Reads the extra columns of the full-column Flipkart file (<c>description</c>, <c>image</c>), keyed by
/// <c>uniq_id</c>, to join them onto the products of the catalog file.</summary>
internal static class ProductExtrasIndex
{
    /// <summary>Extras by product id. Rows without id, or with broken quoting, are skipped, and so is an unusable value:
    /// the extras are optional and a product never depends on them. The <c>image</c> column may be absent.</summary>
    public static Dictionary<string, ProductExtras> Read(CsvReader reader, MalformedRecords malformed)
    {
        var extras = new Dictionary<string, ProductExtras>(StringComparer.Ordinal);
        reader.ReadHeader();
        var idColumn = CatalogCsv.Require(reader, CatalogCsv.Id);
        var descriptionColumn = CatalogCsv.Require(reader, CatalogCsv.Description);
        var imageColumn = CatalogCsv.Optional(reader, CatalogCsv.Image);
        while (reader.Read())
        {
            if (malformed.TryTake(reader.RowNumber + 1, out var problem) && problem.Reason != CsvMalformedReason.StrayQuote)
            {
                continue;
            }

            var id = reader.GetString(idColumn).Trim();
            var description = TextRepair.Fix(reader.GetString(descriptionColumn));
            var image = imageColumn >= 0 && imageColumn < reader.FieldCount ? ImageUrls.First(reader.GetString(imageColumn)) : null;
            if (id.Length > 0 && (description.Length > 0 || image is not null))
            {
                extras.TryAdd(id, new ProductExtras(description.Length > 0 ? description : null, image));
            }
        }

        return extras;
    }
}
