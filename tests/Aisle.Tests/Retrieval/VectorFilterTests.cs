using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

public sealed class VectorFilterTests(VectorIndexFixture fixture) : IClassFixture<VectorIndexFixture>
{
    private const int K = 20;

    [Fact]
    public void CategoryFilterMatchesWholeLeadingSegmentsIgnoringCase()
    {
        var hits = AssertEqualsBruteForce(new VectorFilter(Category: "FOOTWEAR"), d => CategoryStartsWith(d, "footwear"));
        Assert.Contains(hits, h => Category(h).StartsWith("footwear >", StringComparison.Ordinal));
        Assert.DoesNotContain(hits, h => Category(h).StartsWith("Footwears", StringComparison.Ordinal));
    }

    [Fact]
    public void CategoryFilterWithSeveralSegmentsMatchesDeeperPaths()
    {
        var hits = AssertEqualsBruteForce(new VectorFilter(Category: "Footwear > men's footwear"), d => CategoryStartsWith(d, "footwear", "men's footwear"));
        Assert.All(hits, h => Assert.Contains("en's Footwear", Category(h), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void CategoryFilterAcceptsDoubleArrowSeparators()
    {
        AssertEqualsBruteForce(new VectorFilter(Category: "Clothing >> Kids' Clothing"), d => CategoryStartsWith(d, "clothing", "kids' clothing"));
    }

    [Fact]
    public void UnknownCategoryMatchesNothing()
    {
        Assert.Empty(fixture.Index.Search(fixture.Data.Query(1), K, new VectorFilter(Category: "Foot")));
    }

    [Fact]
    public void BrandFilterMatchesExactlyIgnoringCase()
    {
        var hits = AssertEqualsBruteForce(new VectorFilter(Brand: "ALISHA"), d => string.Equals(d.Metadata.Brand, "alisha", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hits, h => Document(h).Metadata.Brand == "Alisha");
        Assert.Contains(hits, h => Document(h).Metadata.Brand == "alisha");
        Assert.Empty(fixture.Index.Search(fixture.Data.Query(1), K, new VectorFilter(Brand: "Alish")));
    }

    [Fact]
    public void PriceBoundsExcludeRowsWithoutPrice()
    {
        AssertEqualsBruteForce(new VectorFilter(MinPrice: 1000), d => d.Metadata.Price >= 1000);
        AssertEqualsBruteForce(new VectorFilter(MaxPrice: 800), d => d.Metadata.Price <= 800);
        var hits = AssertEqualsBruteForce(new VectorFilter(MinPrice: 200, MaxPrice: 900), d => d.Metadata.Price is >= 200 and <= 900);
        Assert.All(hits, h => Assert.NotNull(Document(h).Metadata.Price));
    }

    [Fact]
    public void InStockOnlySkipsOutOfStockRows()
    {
        AssertEqualsBruteForce(new VectorFilter(InStockOnly: true), d => d.Metadata.InStock);
    }

    [Fact]
    public void ExcludedIdsAreNeverReturned()
    {
        var query = fixture.Data.Query(4);
        var unfiltered = fixture.Index.Search(query, K);
        var excluded = unfiltered.Where((_, i) => i % 2 == 0).Select(h => h.Id).Append("not-an-id").ToHashSet();
        var hits = AssertEqualsBruteForce(new VectorFilter(ExcludeIds: excluded), d => !excluded.Contains(d.Id), query);
        Assert.DoesNotContain(hits, h => excluded.Contains(h.Id));
    }

    [Fact]
    public void CombinedFiltersEqualBruteForceOverTheFilteredRows()
    {
        var excluded = fixture.Data.Documents.Take(300).Select(d => d.Id).ToHashSet();
        var filter = new VectorFilter("Clothing", "nike", 100, 4000, true, excluded);
        AssertEqualsBruteForce(filter, d =>
            CategoryStartsWith(d, "clothing") && string.Equals(d.Metadata.Brand, "nike", StringComparison.OrdinalIgnoreCase)
            && d.Metadata.Price is >= 100 and <= 4000 && d.Metadata.InStock && !excluded.Contains(d.Id));
    }

    [Theory]
    [InlineData(Gender.Men)]
    [InlineData(Gender.Women)]
    [InlineData(Gender.Boys)]
    public void GenderFilterDropsWhatItContradictsAndKeepsUngenderedProducts(Gender gender)
    {
        var hits = AssertEqualsBruteForce(new VectorFilter(Gender: gender), d => !ProductGenders.Contradicts(d.Metadata.Genders, gender));
        Assert.Contains(hits, h => Document(h).Metadata.Genders == Gender.None);
    }

    [Fact]
    public void KidsAndUnisexSearchesFilterNothing()
    {
        Assert.False(new VectorFilter(Gender: Gender.Kids).HasMetadataConditions);
        AssertEqualsBruteForce(new VectorFilter(Gender: Gender.Unisex), _ => true);
    }

    [Fact]
    public void LargeKReturnsAllPassingRows()
    {
        var filter = new VectorFilter("Jewellery", "Puma", MaxPrice: 1500, InStockOnly: true);
        var passing = fixture.Data.Documents.Count(d => CategoryStartsWith(d, "jewellery") && d.Metadata.Brand == "Puma" && d.Metadata.Price <= 1500 && d.Metadata.InStock);
        Assert.InRange(passing, 1, 500);
        var hits = fixture.Index.Search(fixture.Data.Query(2), passing + 50, filter);
        Assert.Equal(passing, hits.Count);
    }

    private IReadOnlyList<VectorHit> AssertEqualsBruteForce(VectorFilter filter, Func<VectorDocument, bool> passes, float[]? query = null)
    {
        for (var q = 0; q < 5; q++)
        {
            var vector = query ?? fixture.Data.Query(100 + q);
            var expected = VectorTestData.BruteForce(fixture.Data.Documents, vector, K, passes).Select(x => x.Id).ToList();
            var hits = fixture.Index.Search(vector, K, filter);
            Assert.All(hits, h => Assert.True(passes(Document(h)), $"{h.Id} does not pass the filter"));
            Assert.Equal(expected, hits.Select(h => h.Id).ToList());
            if (q == 4 || query is not null)
            {
                Assert.NotEmpty(hits);
                return hits;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private VectorDocument Document(VectorHit hit) => fixture.Data.Documents[int.Parse(hit.Id.AsSpan(1))];

    private string Category(VectorHit hit) => Document(hit).Metadata.Category;

    private static bool CategoryStartsWith(VectorDocument document, params string[] prefix)
    {
        var segments = document.Metadata.Category.Split('>', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return segments.Length >= prefix.Length && prefix.Select((p, i) => string.Equals(segments[i], p, StringComparison.OrdinalIgnoreCase)).All(x => x);
    }
}
