using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>Recall@10 of the approximate index against the exact one on 20k clustered vectors, with and without filters.</summary>
public sealed class ApproximateVectorIndexRecallTests(ApproximateIndexFixture fixture) : IClassFixture<ApproximateIndexFixture>
{
    private const int K = 10;
    private const int Queries = 200;
    private const double MinRecall = 0.95;

    public static TheoryData<string> Filters() => ["none", "category", "brand", "price and stock", "category, price and stock", "exclusions"];

    [Theory]
    [MemberData(nameof(Filters))]
    public void RecallAtTenAgainstExactSearchIsAtLeast95Percent(string name)
    {
        var filter = Filter(name);
        foreach (var index in new[] { fixture.Approximate, fixture.GraphOnly })
        {
            var found = 0;
            var expected = 0;
            for (var q = 0; q < Queries; q++)
            {
                var query = fixture.Data.Query(q);
                var truth = fixture.Exact.Search(query, K, filter).Select(h => h.Id).ToHashSet();
                var hits = index.Search(query, K, filter);
                Assert.Equal(truth.Count, hits.Count);
                found += hits.Count(h => truth.Contains(h.Id));
                expected += truth.Count;
            }

            var recall = (double)found / expected;
            Assert.True(recall >= MinRecall, $"recall@10 {recall:F3} with filter '{name}' ({(index == fixture.GraphOnly ? "graph only" : "default")})");
        }
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void EveryHitPassesTheFilter(string name)
    {
        var filter = Filter(name);
        var documents = fixture.Data.Documents.ToDictionary(d => d.Id);
        foreach (var index in new[] { fixture.Approximate, fixture.GraphOnly })
        {
            for (var q = 0; q < 20; q++)
            {
                foreach (var hit in index.Search(fixture.Data.Query(q), 50, filter))
                {
                    var metadata = documents[hit.Id].Metadata;
                    Assert.True(Passes(filter, hit.Id, metadata), $"{hit.Id} ({metadata}) fails filter '{name}'");
                }
            }
        }
    }

    [Fact]
    public void ScoresAreCosineSimilaritiesWithinInt8RoundingBestFirst()
    {
        var documents = fixture.Data.Documents.ToDictionary(d => d.Id);
        var query = fixture.Data.Query(3);
        var hits = fixture.Approximate.Search(query, 30);
        Assert.Equal(30, hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Equal(VectorTestData.Cosine(documents[hits[i].Id].Vector.Span, query), hits[i].Score, 0.02);
            Assert.True(i == 0 || hits[i - 1].Score >= hits[i].Score);
        }
    }

    private VectorFilter Filter(string name) => name switch
    {
        "none" => VectorFilter.None,
        "category" => new VectorFilter(Category: "Clothing"),
        "brand" => new VectorFilter(Brand: "nike"),
        "price and stock" => new VectorFilter(MinPrice: 500, MaxPrice: 2500, InStockOnly: true),
        "category, price and stock" => new VectorFilter(Category: "footwear > men's footwear", MaxPrice: 3000, InStockOnly: true),
        // The first neighbours of every test query's cluster are excluded, as a shopper's seen items are.
        "exclusions" => new VectorFilter(ExcludeIds: Enumerable.Range(0, 20)
            .SelectMany(q => fixture.Exact.Search(fixture.Data.Query(q), 5)).Select(h => h.Id).ToHashSet()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static bool Passes(VectorFilter filter, string id, VectorMetadata metadata) =>
        (filter.Category is null || Aisle.Catalog.CategoryPath.StartsWith(
            Aisle.Catalog.CategoryPath.Segments(metadata.Category), Aisle.Catalog.CategoryPath.Segments(filter.Category)))
        && (filter.Brand is null || string.Equals(filter.Brand, metadata.Brand, StringComparison.OrdinalIgnoreCase))
        && (filter.MinPrice is null || metadata.Price >= filter.MinPrice)
        && (filter.MaxPrice is null || metadata.Price <= filter.MaxPrice)
        && (!filter.InStockOnly || metadata.InStock)
        && (filter.ExcludeIds is null || !filter.ExcludeIds.Contains(id));
}
