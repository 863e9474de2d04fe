namespace Aisle.Catalog;

/// <summary>What a catalog load produced: the products, and an account of every row that was not clean.</summary>
/// <param name="Products">Loaded products, in file order.</param>
/// <param name="Rejected">Rows that did not become products (malformed, missing id or name, duplicate id).</param>
/// <param name="Warnings">Rows kept with a value treated as unknown (unparseable or non-positive price, rating out of range).</param>
/// <param name="RowsRead">Data rows read. In a Flipkart file a row is a product, so this is always
/// <c>Products.Count + Rejected.Count</c>; in Online Retail many invoice lines describe one product.</param>
/// <param name="Repaired">Product names and brands whose mojibake was repaired (each value counts once).</param>
/// <param name="WithoutPrice">Products with neither a retail nor a discounted price.</param>
/// <param name="WithoutBrand">Products without a brand.</param>
/// <param name="WithoutRating">Products without a rating.</param>
/// <param name="WithDescription">Products that got a description from the descriptions file.</param>
/// <param name="WithImage">Products that got an image URL (from the descriptions file's <c>image</c> column).</param>
public sealed record CatalogLoadResult(
    IReadOnlyList<Product> Products,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<RowWarning> Warnings,
    int RowsRead,
    int Repaired,
    int WithoutPrice,
    int WithoutBrand,
    int WithoutRating,
    int WithDescription,
    int WithImage = 0)
{
    /// <summary>
    /// Throws when nothing could be read from <paramref name="source"/>: a damaged or foreign file must stop the start
    /// with its reasons, not serve an empty catalog that answers every search with nothing.
    /// </summary>
    public CatalogLoadResult EnsureUsable(string source) => Products.Count > 0
        ? this
        : throw new InvalidDataException(
            $"No product could be read from {source} ({RowsRead} rows read, {Rejected.Count} rejected" +
            (Rejected.Count > 0 ? $"; first: line {Rejected[0].Line}, {Rejected[0].Reason}" : "") + ").");
}
