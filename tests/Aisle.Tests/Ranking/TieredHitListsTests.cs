using Aisle.Ranking.Candidates;

namespace Aisle.Tests.Ranking;

/// <summary>The deep list answers what the short list cannot, is fetched once per key, and neither answers when the
/// deep list runs out too (so the caller's filtered retrieval runs).</summary>
public sealed class TieredHitListsTests
{
    [Fact]
    public async Task A_read_the_short_list_cannot_answer_comes_from_the_deep_list_fetched_once()
    {
        var (replica, _) = await ContentNeighboursTests.CatalogAsync(new Random(3));
        var lists = new TieredHitLists<string>(replica, kept: 10, maxKeys: 100, deepKept: 100, maxDeepKeys: 100);
        var fetched = new List<int>();
        ValueTask<(int Row, float Score)[]> Fetch(int depth, CancellationToken _)
        {
            fetched.Add(depth);
            return ValueTask.FromResult(Enumerable.Range(0, depth).Select(row => (row, 1f - row / 1000f)).ToArray());
        }

        // Every fifth row passes: the first 10 hold 2, the first 100 hold 20.
        bool EveryFifth(int row) => row % 5 == 0;
        var first = await lists.ReadAsync("q", 5, EveryFifth, Fetch, default);
        var second = await lists.ReadAsync("q", 5, EveryFifth, Fetch, default);

        Assert.Equal([0, 5, 10, 15, 20], first!.Select(h => h.Row));
        Assert.Equal(first, second);
        Assert.Equal([10, 100], fetched);
        Assert.Null(await lists.ReadAsync("q", 25, EveryFifth, Fetch, default));
        Assert.Equal([0, 5], (await lists.ReadAsync("q", 2, EveryFifth, Fetch, default))!.Select(h => h.Row));
        Assert.Equal([10, 100], fetched);
    }
}
