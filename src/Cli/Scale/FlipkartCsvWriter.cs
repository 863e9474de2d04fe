using System.Globalization;
using System.Text;
using Aisle.Catalog;

namespace Aisle.Cli.Scale;

/// <summary>
/// Writes products in the columns of the bundled Flipkart catalog (<c>data/flipkart/catalog_20k.csv</c>), so a generated
/// catalog is read by the same <see cref="CatalogLoader"/> as the real one (<c>Aisle:CatalogFile</c>). Fields are
/// quoted as RFC 4180 asks: always for the category tree, otherwise when they hold a comma, quote or line break.
/// </summary>
public sealed class FlipkartCsvWriter(TextWriter writer)
{
    private const string Header = "uniq_id,product_name,product_category_tree,pid,retail_price,discounted_price,is_FK_Advantage_product,product_rating,overall_rating,brand";
    private const string NoRating = "No rating available";

    public void WriteHeader() => writer.WriteLine(Header);

    public void Write(Product product)
    {
        var rating = product.Rating?.ToString(CultureInfo.InvariantCulture) ?? NoRating;
        var tree = "[\"" + string.Join(" >> ", product.CategoryPath) + "\"]";
        var line = new StringBuilder(256)
            .Append(Field(product.Id)).Append(',')
            .Append(Field(product.Name)).Append(',')
            .Append(Quoted(tree)).Append(',')
            .Append(Field(product.Sku)).Append(',')
            .Append(Price(product.RetailPrice)).Append(',')
            .Append(Price(product.DiscountedPrice)).Append(',')
            .Append("FALSE,")
            .Append(Field(rating)).Append(',')
            .Append(Field(rating)).Append(',')
            .Append(Field(product.Brand ?? ""));
        writer.WriteLine(line);
    }

    private static string Price(decimal? price) => price?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? Quoted(value) : value;

    private static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
