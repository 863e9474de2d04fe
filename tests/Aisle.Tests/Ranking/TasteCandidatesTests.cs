using Aisle.Ranking;
using Aisle.Ranking.Candidates;
using Aisle.Retrieval;

namespace Aisle.Tests.Ranking;

/// <summary>Taste candidates come from the neighbourhoods of the shopper's recent products instead of a scan of the
/// catalog: where the taste sits on a recent product, that is exactly the filtered scan's answer; in general it must
/// keep most of it.</summary>
public sealed class TasteCandidatesTests
{
    [Fact]
    public async Task A_taste_on_a_recent_product_gets_exactly_the_filtered_scan()
    {
        var random = new Random(11);
        var (replica, index) = await ContentNeighboursTests.CatalogAsync(random);
        var content = new ContentCandidates(replica, index);
        for (var trial = 0; trial < 20; trial++)
        {
            var recent = Enumerable.Range(0, 3).Select(_ => random.Next(replica.Count)).Distinct().ToArray();
            var exclude = recent.Select(r => replica.Product(r).Id).ToHashSet(StringComparer.Ordinal);
            var taste = replica.Vector(recent[0]).Select(x => x * 3f).ToArray();

            var candidates = new CandidateSet();
            await content.AddTasteAsync(candidates, "test", taste, recent, 30, exclude, 1.0, default);

            var expected = await index.SearchAsync(taste, 30, new VectorFilter(InStockOnly: true, ExcludeIds: exclude));
            Assert.Equal(expected.Select(h => h.Id).Order(), candidates.All.Select(c => replica.Product(c.Row).Id).Order());
            Assert.All(candidates.All, c => Assert.Equal(Math.Max(0, expected.Single(h => h.Id == replica.Product(c.Row).Id).Score), c.Relevance, 3));
        }
    }

    [Fact]
    public async Task A_taste_between_recent_products_keeps_most_of_the_scan()
    {
        var random = new Random(12);
        var (replica, index) = await ContentNeighboursTests.CatalogAsync(random);
        var content = new ContentCandidates(replica, index);
        int found = 0, wanted = 0;
        for (var trial = 0; trial < 20; trial++)
        {
            // A decayed mean of the recent products' vectors, as the profile keeps it.
            var recent = Enumerable.Range(0, 5).Select(_ => random.Next(replica.Count)).Distinct().ToArray();
            var taste = new float[replica.Vector(0).Length];
            for (var i = 0; i < recent.Length; i++)
            {
                var decay = MathF.Pow(0.7f, i);
                var vector = replica.Vector(recent[i]);
                for (var d = 0; d < taste.Length; d++)
                {
                    taste[d] += decay * vector[d];
                }
            }

            var exclude = recent.Select(r => replica.Product(r).Id).ToHashSet(StringComparer.Ordinal);
            var candidates = new CandidateSet();
            await content.AddTasteAsync(candidates, "test", taste, recent, 10, exclude, 1.0, default);
            var expected = (await index.SearchAsync(taste, 10, new VectorFilter(InStockOnly: true, ExcludeIds: exclude))).Select(h => h.Id).ToHashSet();
            found += candidates.All.Count(c => expected.Contains(replica.Product(c.Row).Id));
            wanted += expected.Count;
        }

        // Random 16-dimensional vectors are the hard case (no clusters, as real product embeddings have); the
        // Beauty evaluation measures the real effect (docs/evaluation.md).
        Assert.True(found >= 0.8 * wanted, $"recall@10 {found}/{wanted}");
    }
}
