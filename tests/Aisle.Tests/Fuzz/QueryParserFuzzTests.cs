using Aisle.Catalog;
using Aisle.Query;
using Aisle.Tests.Catalog;
using CsCheck;

namespace Aisle.Tests.Fuzz;

/// <summary>
/// The rules query parser on real shopper queries mutated at random — characters dropped, repeated and swapped, price
/// phrases and unicode edge cases spliced in, lengths past the limit — never throws and always answers a coherent
/// reading: a price range that is not inverted and not negative, and only brands and categories the catalog has.
/// </summary>
public sealed class QueryParserFuzzTests(RealCatalogFixture catalog) : IClassFixture<RealCatalogFixture>
{
    private static readonly string[] Queries = File.ReadLines(Path.Combine(RepoFiles.Root, "data", "search-judgements.csv"))
        .Skip(1).Select(line => line.Split(',')[0]).Where(q => q.Length > 0).ToArray();

    private static readonly string[] Splices =
    [
        " under 500", " below ₹1,000", " between 200 and 100", " over 99999999999999999999", " under -5", " 500-", "-1000",
        " rs.", " for men", " women's", " kids", "\u0000", "\u200B", "\uFEFF", "\uD83D\uDC5F", "\uD800", "ǅ", "İ", "ß", "\t\r\n",
        "\"", "'", "\\", "%", "&amp;", "<b>", "NaN", "Infinity", "1e309", "0x1F",
    ];

    private static readonly Gen<string> Mutated = Gen.OneOf(Queries).SelectMany(query => Gen.Frequency(
        (3, Gen.Const(query)),
        (2, Gen.Int[0, query.Length].SelectMany(at => Gen.OneOf(Splices).Select(splice => query[..at] + splice + query[at..]))),
        (2, Gen.Int[0, Math.Max(0, query.Length - 1)].Select(at => query.Length == 0 ? query : query.Remove(at, 1))),
        (1, Gen.Int[2, 200].Select(times => string.Concat(Enumerable.Repeat(query + " ", times)))),
        (1, Gen.String[Gen.Char, 0, 600]),
        (1, Gen.OneOf(Splices).Array[1, 12].Select(parts => query + string.Concat(parts)))));

    [Fact]
    public void MutatedRealQueriesAlwaysParseToACoherentReading()
    {
        var parser = new QueryUnderstanding(CatalogDictionary.Build(catalog.Result.Products));
        var brands = catalog.Result.Products.Select(p => p.Brand).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var categories = catalog.Result.Products.SelectMany(p => Enumerable.Range(1, p.CategoryPath.Count)
            .Select(n => string.Join(" > ", p.CategoryPath.Take(n)))).ToHashSet(StringComparer.Ordinal);

        Mutated.Sample(query =>
        {
            var parsed = parser.Parse(query);

            Assert.NotNull(parsed.Text);
            Assert.True(parsed.MinPrice is null or >= 0 && (parsed.MinPrice is not { } low || double.IsFinite(low)), $"min {parsed.MinPrice}");
            Assert.True(parsed.MaxPrice is null or >= 0 && (parsed.MaxPrice is not { } high || double.IsFinite(high)), $"max {parsed.MaxPrice}");
            Assert.False(parsed.MinPrice > parsed.MaxPrice, $"range {parsed.MinPrice}–{parsed.MaxPrice} is inverted");
            Assert.True(parsed.Brand is null || brands.Contains(parsed.Brand), $"brand {parsed.Brand}");
            Assert.True(parsed.Category is null || categories.Contains(parsed.Category), $"category {parsed.Category}");
        }, iter: 3000);
    }
}
