using Aisle.Ranking;

namespace Aisle.Tests.Ranking;

public class DiversifierTests
{
    private static readonly ScoreTerms NoTerms = new(0, 0, null, 0, 0, null, 0, 0, 0);

    private static List<ScoredCandidate> Ranked(int count) =>
        Enumerable.Range(0, count).Select(row => new ScoredCandidate(new Candidate(row), count - row, NoTerms)).ToList();

    [Fact]
    public void NoBrandFillsMoreThanItsShareWhileOthersRemain()
    {
        // Rows 0-5 are brand A, rows 6-9 brand B; at most 2 per brand first, then the rest in score order.
        string? Brand(int row) => row < 6 ? "A" : "B";

        var page = Diversifier.Take(Ranked(10), 5, 2, Brand);

        Assert.Equal([0, 1, 6, 7, 2], page.Select(p => p.Candidate.Row));
    }

    [Fact]
    public void ItemsWithoutBrandAreNeverHeldBack()
    {
        var page = Diversifier.Take(Ranked(4), 4, 1, _ => null);

        Assert.Equal([0, 1, 2, 3], page.Select(p => p.Candidate.Row));
    }
}
