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

    /// <summary>Variants embed alike and take one place each, so in a neighbourhood of large families one per family
    /// can run out of the kept list: the answer must still be what the index gives — the nearest in stock and not
    /// excluded, one per family, from the kept list when it holds k of them, else from a filtered scan of k × 4 —
    /// whether it comes from a deeper kept list or a scan.</summary>
    [Theory]
    [InlineData(10, 0, 20)]
    [InlineData(50, 20, 8)]
    [InlineData(50, 0, 40)]
    [InlineData(100, 60, 10)]
    public async Task Answers_what_the_index_answers_among_large_families(int k, int excluded, int familySize)
    {
        var random = new Random(k * 1_000 + excluded + familySize);
        var (replica, index) = await CatalogAsync(random, familySize);
        var neighbours = new ContentNeighbours(replica, index);
        var beyondKept = 0;
        for (var trial = 0; trial < 20; trial++)
        {
            var anchor = random.Next(Products);
            var near = await index.SearchAsync(replica.Vector(anchor), Math.Max(excluded, 1));
            var exclude = near.Take(excluded).Select(h => h.Id).Append(replica.Product(anchor).Id).ToHashSet(StringComparer.Ordinal);

            var families = new HashSet<int>();
            var kept = await index.SearchAsync(replica.Vector(anchor), ContentNeighbours.Kept);
            var expected = kept.Where(h => replica.Stock(Row(h)) > 0 && !exclude.Contains(h.Id) && families.Add(replica.Families.FamilyOf(Row(h))))
                .Take(k).ToList();
            if (expected.Count < k)
            {
                beyondKept++;
                families.Clear();
                var scanned = await index.SearchAsync(replica.Vector(anchor), k * 4, new VectorFilter(InStockOnly: true, ExcludeIds: exclude));
                expected = scanned.Where(h => families.Add(replica.Families.FamilyOf(Row(h)))).Take(k).ToList();
            }

            var actual = await neighbours.InStockAsync(anchor, k, exclude);

            Assert.Equal(expected.Select(h => h.Id), actual.Select(n => replica.Product(n.Row).Id));
            Assert.Equal(expected.Select(h => h.Score), actual.Select(n => n.Score));
        }

        // The case under test: one per family ran out of the kept list.
        Assert.True(beyondKept > 0);

        int Row(VectorHit hit) => replica.TryGetRow(hit.Id, out var row) ? row : throw new InvalidOperationException(hit.Id);
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

    /// <param name="familySize">Products per family (one name and brand, vectors close together); 1 for none.</param>
    internal static async Task<(CatalogReplica, EmbeddedVectorIndex)> CatalogAsync(Random random, int familySize = 1)
    {
        var products = Enumerable.Range(0, Products)
            .Select(i => new Product($"p{i}", $"s{i}", $"Product {i / familySize}", familySize > 1 ? "Brand" : null, ["Things"], 10m, 10m, 4, null,
                random.Next(4) == 0 ? 0 : 5))
            .ToArray();
        // Unit length, as the model's embeddings are; a family's members scattered a little around one centre.
        var centres = familySize == 1
            ? []
            : Enumerable.Range(0, Products / familySize + 1)
                .Select(_ => Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        var vectors = (familySize == 1
                ? products.Select(_ => Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())
                : products.Select((_, i) => centres[i / familySize].Select(x => x + 0.1f * ((float)random.NextDouble() - 0.5f)).ToArray()))
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
