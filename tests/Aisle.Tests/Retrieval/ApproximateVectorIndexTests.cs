using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>The <see cref="IVectorIndex"/> contract, answered by the approximate index on small hand-made sets.</summary>
public sealed class ApproximateVectorIndexTests
{
    private const int Dimensions = 64;

    [Fact]
    public async Task UpsertOfAnExistingIdMovesItsVectorInTheGraphAndReplacesItsMetadata()
    {
        using var index = new ApproximateVectorIndex(Dimensions);
        await index.UpsertAsync([Document("a", Axis(0), brand: "Old"), Document("b", Axis(1)), Document("c", Axis(3))]);
        await index.UpsertAsync([Document("a", Axis(2), brand: "New")]);

        Assert.Equal(3, index.Count);
        var hit = (await index.SearchAsync(Axis(2), 1)).Single();
        Assert.Equal("a", hit.Id);
        Assert.Equal(1f, hit.Score, 4);
        Assert.DoesNotContain(index.Search(Axis(0), 3), h => h.Id == "a" && h.Score > 0.5f);
        Assert.Equal(Axis(2), await index.GetVectorAsync("a"));
        Assert.Empty(index.Search(Axis(2), 5, new VectorFilter(Brand: "Old")));
        Assert.Equal("a", Assert.Single(index.Search(Axis(2), 5, new VectorFilter(Brand: "new"))).Id);
    }

    [Fact]
    public void ReupsertingTheSameVectorWithNewPriceAndStockChangesOnlyTheFilters()
    {
        using var index = new ApproximateVectorIndex(Dimensions);
        index.Upsert([Document("a", Axis(0), price: 100), Document("b", Axis(1), price: 100)]);
        index.Upsert([Document("a", Axis(0), price: 900, inStock: false)]);

        Assert.Equal(2, index.Count);
        Assert.Equal("b", Assert.Single(index.Search(Axis(0), 5, new VectorFilter(MaxPrice: 500))).Id);
        Assert.Equal("b", Assert.Single(index.Search(Axis(0), 5, new VectorFilter(InStockOnly: true))).Id);
        Assert.Equal("a", index.Search(Axis(0), 5, new VectorFilter(MinPrice: 500)).Single().Id);
    }

    [Fact]
    public void FiltersOnCategoryBrandPriceStockAndExclusionsEqualTheExactIndex()
    {
        var data = VectorTestData.Create(3000, dimensions: Dimensions, seed: 5);
        var exact = data.BuildIndex();
        using var index = new ApproximateVectorIndex(Dimensions, new VectorIndexOptions { ExactScanBelow = 100 });
        foreach (var batch in data.Documents.Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch);
        }

        VectorFilter[] filters =
        [
            new(Category: "FOOTWEAR"),
            new(Category: "Clothing >> Kids' Clothing"),
            new(Brand: "ALISHA"),
            new(MinPrice: 200, MaxPrice: 900),
            new(InStockOnly: true),
            new(Category: "Jewellery", Brand: "puma", MaxPrice: 4000, InStockOnly: true),
            new(ExcludeIds: data.Documents.Take(2000).Select(d => d.Id).ToHashSet()),
        ];
        foreach (var filter in filters)
        {
            for (var q = 0; q < 10; q++)
            {
                var query = data.Query(q);
                var expected = exact.Search(query, 10, filter).Select(h => h.Id).ToHashSet();
                var hits = index.Search(query, 10, filter);
                Assert.Equal(expected.Count, hits.Count);
                // Int8 scores may swap near-ties at the border of the top 10; all but one must agree.
                Assert.True(hits.Count(h => expected.Contains(h.Id)) >= expected.Count - 1, $"filter {filter}, query {q}");
            }
        }
    }

    [Fact]
    public void UnknownCategoryOrBrandMatchesNothing()
    {
        using var index = new ApproximateVectorIndex(Dimensions);
        index.Upsert([Document("a", Axis(0), brand: "Nike")]);
        Assert.Empty(index.Search(Axis(0), 5, new VectorFilter(Category: "Foot")));
        Assert.Empty(index.Search(Axis(0), 5, new VectorFilter(Brand: "Nik")));
    }

    [Fact]
    public void AFilterFewRowsPassStillReturnsThemAll()
    {
        // 2,000 rows, 3 in stock: the graph walk alone would give up long before it met them.
        using var index = new ApproximateVectorIndex(Dimensions, new VectorIndexOptions { ExactScanBelow = 0, ExpansionSearch = 16 });
        var data = VectorTestData.Create(2000, dimensions: Dimensions, seed: 9);
        var documents = data.Documents.Select((d, i) => d with { Metadata = d.Metadata with { InStock = i % 700 == 0 } }).ToList();
        foreach (var batch in documents.Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch);
        }

        var hits = index.Search(data.Query(0), 10, new VectorFilter(InStockOnly: true));
        Assert.Equal(["p00000", "p00700", "p01400"], hits.Select(h => h.Id).Order());
    }

    [Fact]
    public void ZeroQueryScoresEveryRowZeroInInsertionOrder()
    {
        using var index = new ApproximateVectorIndex(Dimensions);
        index.Upsert([Document("a", Axis(0)), Document("b", Axis(1)), Document("c", Axis(2))]);
        var hits = index.Search(new float[Dimensions], 2);
        Assert.Equal(["a", "b"], hits.Select(h => h.Id));
        Assert.All(hits, h => Assert.Equal(0f, h.Score));
    }

    [Fact]
    public async Task InvalidInputIsRejectedAndNothingIsWritten()
    {
        using var index = new ApproximateVectorIndex(Dimensions);
        var bad = new VectorDocument("bad", new float[Dimensions + 1], new VectorMetadata("X", null, null, true));
        Assert.Throws<ArgumentException>(() => index.Upsert([Document("good", Axis(0)), bad]));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search(Axis(0), 10));
        var tooMany = Enumerable.Range(0, IVectorIndex.MaxUpsertBatch + 1).Select(i => Document($"d{i}", Axis(i % Dimensions))).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(tooMany));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(Axis(0), 0));
        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimensions - 1], 1));
        Assert.Null(index.GetVector("missing"));
    }

    [Fact]
    public void GrowsPastItsInitialCapacity()
    {
        var data = VectorTestData.Create(3000, dimensions: Dimensions, seed: 4);
        using var index = new ApproximateVectorIndex(Dimensions, initialCapacity: 16);
        foreach (var batch in data.Documents.Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch);
        }

        Assert.Equal(3000, index.Count);
        var stored = index.GetVector("p02999")!;
        Assert.Equal(1.0, Math.Sqrt(stored.Sum(v => (double)v * v)), 2);
        Assert.Equal("p02999", index.Search(data.Documents[2999].Vector.Span, 1)[0].Id);
        Assert.True(index.NativeBytes > 3000 * Dimensions);
    }

    [Fact]
    public async Task ManyConcurrentSearchesWhileUpsertingAllSucceed()
    {
        // More concurrent callers than USearch has thread contexts: the gate must make them wait, not fail.
        var data = VectorTestData.Create(2000, dimensions: Dimensions, seed: 8);
        using var index = new ApproximateVectorIndex(Dimensions);
        foreach (var batch in data.Documents.Take(1000).Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch);
        }

        var writer = Task.Run(() =>
        {
            foreach (var batch in data.Documents.Skip(1000).Chunk(IVectorIndex.MaxUpsertBatch))
            {
                index.Upsert(batch);
            }
        });
        var readers = Enumerable.Range(0, 32).Select(r => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                var filter = i % 2 == 0 ? null : new VectorFilter(InStockOnly: true);
                Assert.Equal(10, index.Search(data.Query(r * 100 + i), 10, filter).Count);
            }
        }));
        await Task.WhenAll(readers.Append(writer));
        Assert.Equal(2000, index.Count);
    }

    private static float[] Axis(int dimension)
    {
        var vector = new float[Dimensions];
        vector[dimension] = 1f;
        return vector;
    }

    private static VectorDocument Document(string id, float[] vector, string? brand = null, double price = 10, bool inStock = true) =>
        new(id, vector, new VectorMetadata("Footwear > Sandals", brand, price, inStock));
}
