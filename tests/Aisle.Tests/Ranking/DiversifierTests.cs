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

    [Fact]
    public void ACategoryCapHoldsBackACategoryAcrossBrands()
    {
        // Every row its own brand; rows 0-3 in "Lipstick", the rest in "Nail". At most 2 per category.
        var page = Diversifier.Take(Ranked(8), 4, 3, row => "brand" + row, 2, row => row < 4 ? "Lipstick" : "Nail");

        Assert.Equal([0, 1, 4, 5], page.Select(p => p.Candidate.Row));
    }

    [Fact]
    public void WithoutACategoryCapOnlyBrandsAreCapped()
    {
        var page = Diversifier.Take(Ranked(8), 4, 3, row => "brand" + row, 0, row => "Lipstick");

        Assert.Equal([0, 1, 2, 3], page.Select(p => p.Candidate.Row));
    }
}
