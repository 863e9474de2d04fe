using Aisle.Catalog;
using Aisle.Products;
using Aisle.Ranking;
using Aisle.Ranking.Candidates;
using Aisle.Retrieval;

namespace Aisle.Tests.Ranking;

/// <summary>The cached neighbour lists answer exactly what a filtered scan of the index answers, whatever the stock
/// and the exclusions, including when so much is excluded that the cached list runs out.</summary>
public sealed class ContentNeighboursTests
{
    private const int Products = 600;
    private const int Dimensions = 16;

    [Theory]
    [InlineData(10, 0)]
    [InlineData(50, 20)]
    [InlineData(100, 150)]
    [InlineData(50, 400)]
    public async Task Answers_what_a_filtered_scan_answers(int k, int excluded)
    {
        var random = new Random(k * 1_000 + excluded);
        var (replica, index) = await CatalogAsync(random);
        var neighbours = new ContentNeighbours(replica, index);
        for (var trial = 0; trial < 20; trial++)
        {
            var anchor = random.Next(Products);
            // Exclusions near the anchor are the hard case: they eat into the cached list first.
            var near = await index.SearchAsync(replica.Vector(anchor), Math.Max(excluded, 1));
            var exclude = near.Take(excluded).Select(h => h.Id).Append(replica.Product(anchor).Id).ToHashSet(StringComparer.Ordinal);

            var expected = await index.SearchAsync(replica.Vector(anchor), k, new VectorFilter(InStockOnly: true, ExcludeIds: exclude));
            var actual = await neighbours.InStockAsync(anchor, k, exclude);

            Assert.Equal(expected.Select(h => h.Id), actual.Select(n => replica.Product(n.Row).Id));
            Assert.Equal(expected.Select(h => h.Score), actual.Select(n => n.Score));
        }
    }

    [Fact]
    public async Task A_product_going_out_of_stock_leaves_the_cached_lists()
    {
        var (replica, index) = await CatalogAsync(new Random(7));
        var neighbours = new ContentNeighbours(replica, index);
        var anchor = 3;
        var none = new HashSet<string>(StringComparer.Ordinal) { replica.Product(anchor).Id };
        var before = await neighbours.InStockAsync(anchor, 5, none);
        var gone = before[0].Row;

        replica.Apply(new ProductSnapshot(replica.Product(gone).Id, 10m, 0, 0, 0, 0, 0, [], DateTimeOffset.UtcNow, Version: 1));

        var after = await neighbours.InStockAsync(anchor, 5, none);
        Assert.DoesNotContain(gone, after.Select(n => n.Row));
        Assert.Equal(before.Skip(1).Select(n => n.Row), after.Take(4).Select(n => n.Row));
    }

    internal static async Task<(CatalogReplica, EmbeddedVectorIndex)> CatalogAsync(Random random)
    {
        var products = Enumerable.Range(0, Products)
            .Select(i => new Product($"p{i}", $"s{i}", $"Product {i}", null, ["Things"], 10m, 10m, 4, null, random.Next(4) == 0 ? 0 : 5))
            .ToArray();
        // Unit length, as the model's embeddings are.
        var vectors = products.Select(_ => Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())
            .Select(v => v.Select(x => x / System.Numerics.Tensors.TensorPrimitives.Norm(v)).ToArray()).ToArray();
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, vectors);
        replica.MarkReady();
        var index = new EmbeddedVectorIndex(Dimensions);
        foreach (var batch in Enumerable.Range(0, Products).Chunk(IVectorIndex.MaxUpsertBatch))
        {
            await index.UpsertAsync(batch.Select(row => new VectorDocument(
                products[row].Id, vectors[row], new VectorMetadata("Things", null, 10, replica.Stock(row) > 0))).ToArray());
        }

        // The index follows stock changes, as the catalog bootstrapper wires it.
        replica.FilterFieldsChanged += row => index.Upsert([new VectorDocument(
            products[row].Id, vectors[row], new VectorMetadata("Things", null, 10, replica.Stock(row) > 0))]);
        return (replica, index);
    }
}
