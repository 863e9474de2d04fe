using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

public sealed class VectorIndexTests(VectorIndexFixture fixture) : IClassFixture<VectorIndexFixture>
{
    private const int Dimensions = 384;

    [Fact]
    public void TopTenEqualsBruteForceFloatReferenceOnClusteredData()
    {
        var found = 0;
        const int queries = 50, k = 10;
        for (var q = 0; q < queries; q++)
        {
            var query = fixture.Data.Query(q);
            var expected = VectorTestData.BruteForce(fixture.Data.Documents, query, k).Select(x => x.Id).ToHashSet();
            var hits = fixture.Index.Search(query, k);
            Assert.Equal(k, hits.Count);
            found += hits.Count(h => expected.Contains(h.Id));
        }

        var recall = found / (double)(queries * k);
        Assert.Equal(1.0, recall);
    }

    [Fact]
    public void ScoresAreCosineSimilaritiesBestFirst()
    {
        var query = fixture.Data.Query(3);
        var byId = fixture.Data.Documents.ToDictionary(d => d.Id);
        var hits = fixture.Index.Search(query, 25);
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Equal(VectorTestData.Cosine(byId[hits[i].Id].Vector.Span, query), hits[i].Score, 4);
            if (i > 0)
            {
                Assert.True(hits[i - 1].Score >= hits[i].Score);
            }
        }
    }

    [Fact]
    public async Task AsyncSearchReturnsTheSameHitsAsSyncSearch()
    {
        var query = fixture.Data.Query(5);
        var sync = fixture.Index.Search(query, 10);
        var viaInterface = await ((IVectorIndex)fixture.Index).SearchAsync(query, 10);
        Assert.Equal(sync, viaInterface);
    }

    [Fact]
    public void LargeKReturnsEveryRowWhenFewerExist()
    {
        var index = VectorTestData.Create(30, seed: 11).BuildIndex();
        var hits = index.Search(VectorTestData.Create(1, seed: 12).Query(0), 100);
        Assert.Equal(30, hits.Count);
        Assert.Equal(30, hits.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public void NonPositiveKIsRejected()
    {
        var query = fixture.Data.Query(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Index.Search(query, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Index.Search(query, -1));
    }

    [Fact]
    public async Task QueryWithWrongDimensionsIsRejected()
    {
        Assert.Throws<ArgumentException>(() => fixture.Index.Search(new float[Dimensions - 1], 5));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Index.SearchAsync(new float[Dimensions + 1], 5));
    }

    [Fact]
    public void DocumentWithWrongDimensionsIsRejectedAndNothingIsWritten()
    {
        var index = new EmbeddedVectorIndex(Dimensions);
        var good = Document("good", Axis(0));
        var bad = new VectorDocument("bad", new float[Dimensions + 3], Metadata());
        Assert.Throws<ArgumentException>(() => index.Upsert([good, bad]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task BatchLargerThanTheUpsertLimitIsRejected()
    {
        var index = new EmbeddedVectorIndex(Dimensions);
        var documents = Enumerable.Range(0, IVectorIndex.MaxUpsertBatch + 1).Select(i => Document($"d{i}", Axis(i % Dimensions))).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(documents));
        Assert.Equal(0, index.Count);

        await index.UpsertAsync(documents.Take(IVectorIndex.MaxUpsertBatch).ToList());
        Assert.Equal(IVectorIndex.MaxUpsertBatch, index.Count);
    }

    [Fact]
    public async Task UpsertOfAnExistingIdReplacesVectorAndMetadata()
    {
        var index = new EmbeddedVectorIndex(Dimensions);
        index.Upsert([Document("a", Axis(0), brand: "Old"), Document("b", Axis(1))]);
        index.Upsert([Document("a", Axis(2), brand: "New")]);

        Assert.Equal(2, index.Count);
        var hit = Assert.Single(index.Search(Axis(2), 1));
        Assert.Equal("a", hit.Id);
        Assert.Equal(1f, hit.Score, 5);
        Assert.Equal(Axis(2), await index.GetVectorAsync("a"));
        Assert.Empty(index.Search(Axis(2), 5, new VectorFilter(Brand: "Old")));
        Assert.Equal("a", Assert.Single(index.Search(Axis(2), 5, new VectorFilter(Brand: "new"))).Id);
    }

    [Fact]
    public void StoredVectorsAreNormalised()
    {
        var index = new EmbeddedVectorIndex(Dimensions);
        var raw = fixture.Data.Documents[0].Vector.ToArray();
        index.Upsert([Document("x", raw)]);
        var stored = index.GetVector("x")!;
        Assert.Equal(1.0, Math.Sqrt(stored.Sum(v => (double)v * v)), 5);
        Assert.Null(index.GetVector("missing"));
    }

    [Fact]
    public void ZeroVectorsScoreZeroInsteadOfNaN()
    {
        var index = new EmbeddedVectorIndex(Dimensions);
        index.Upsert([Document("zero", new float[Dimensions]), Document("x", Axis(0))]);

        var fromZeroQuery = index.Search(new float[Dimensions], 5);
        Assert.Equal(2, fromZeroQuery.Count);
        Assert.All(fromZeroQuery, h => Assert.Equal(0f, h.Score));

        var hits = index.Search(Axis(0), 5);
        Assert.Equal("x", hits[0].Id);
        Assert.Equal(0f, hits.Single(h => h.Id == "zero").Score);
    }

    [Fact]
    public void IdenticalVectorsComeBackInInsertionOrder()
    {
        var index = new EmbeddedVectorIndex(Dimensions);
        var ids = Enumerable.Range(0, 30).Select(i => $"dup-{(i * 7919) % 1000:D3}").ToList();
        index.Upsert(ids.Select(id => Document(id, Axis(5))).Append(Document("other", Axis(6))).ToList());

        Assert.Equal(ids, index.Search(Axis(5), 30).Select(h => h.Id));
    }

    [Fact]
    public void EmptyIndexReturnsNoHits()
    {
        Assert.Empty(new EmbeddedVectorIndex(Dimensions).Search(Axis(0), 10));
    }

    internal static float[] Axis(int dimension)
    {
        var vector = new float[Dimensions];
        vector[dimension] = 1f;
        return vector;
    }

    private static VectorMetadata Metadata(string? brand = null) => new("Footwear > Sandals", brand, 10, true);

    private static VectorDocument Document(string id, float[] vector, string? brand = null) => new(id, vector, Metadata(brand));
}
