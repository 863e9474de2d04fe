using System.Globalization;
using Aisle.Catalog;
using CsvHelper;

namespace Aisle.Tests.Retrieval;

/// <summary>
/// Test-only reader of the bundled 20k Flipkart catalog (the product loader lives elsewhere); loaded once per run.
/// </summary>
public static class LexicalTestCatalog
{
    private static readonly Lazy<IReadOnlyList<Product>> Lazy = new(Load);

    public static IReadOnlyList<Product> Products => Lazy.Value;

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aisle.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Aisle.sln not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyList<Product> Load()
    {
        var path = Path.Combine(RepositoryRoot(), "data", "flipkart", "catalog_20k.csv");
        using var csv = CsvReader.FromFile(path, null, FileOptions.SequentialScan);
        var products = new List<Product>();
        while (csv.Read())
        {
            var name = csv.GetString("product_name") ?? string.Empty;
            var brand = csv.GetString("brand");
            products.Add(new Product(
                csv.GetString("uniq_id"),
                csv.GetString("pid") ?? string.Empty,
                name,
                string.IsNullOrWhiteSpace(brand) ? null : brand.Trim(),
                CategoryPath(csv.GetString("product_category_tree") ?? string.Empty, name),
                Money(csv.GetString("retail_price")),
                Money(csv.GetString("discounted_price")),
                null,
                null,
                10));
        }

        return products;
    }

    // ["A >> B >> C >> product name"]: drop the brackets and quotes, and the last segment when it is the name or cut.
    private static List<string> CategoryPath(string tree, string name)
    {
        var trimmed = tree.Trim().TrimStart('[').TrimEnd(']').Trim().Trim('"');
        var segments = trimmed.Split(">>", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 0 && (segments[^1].EndsWith("...", StringComparison.Ordinal) || string.Equals(segments[^1], name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return segments;
    }

    private static decimal? Money(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
