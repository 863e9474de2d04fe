using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Recommendations;

namespace Aisle.Tests.Ranking;

public sealed class OnePerFamilyTests
{
    private static readonly ScoreTerms NoTerms = new(0, 0, null, 0, 0, null, 0, 0, 0);

    /// <summary>Rows 0..count-1, best first (row 0 scores highest).</summary>
    private static List<ScoredCandidate> Ranked(int count) =>
        Enumerable.Range(0, count).Select(row => new ScoredCandidate(new Candidate(row), count - row, NoTerms)).ToList();

    [Fact]
    public void OnlyTheBestMemberOfEachFamilyStaysInPlace()
    {
        // Families: {0, 2, 3}, {1, 4}, {5}; all in stock.
        int[] family = [0, 1, 0, 0, 1, 5];

        var kept = OnePerFamily.Keep(Ranked(6), row => family[row], _ => true);

        Assert.Equal([0, 1, 5], kept.Select(k => k.Candidate.Row));
    }

    [Fact]
    public void AnOutOfStockMemberYieldsToItsBestInStockSibling()
    {
        // Family {0, 2, 3}: 0 is sold out, so 2 (the best in stock) is kept at its own place, after 1.
        int[] family = [0, 1, 0, 0];
        bool[] inStock = [false, true, true, true];

        var kept = OnePerFamily.Keep(Ranked(4), row => family[row], row => inStock[row]);

        Assert.Equal([1, 2], kept.Select(k => k.Candidate.Row));
    }

    [Fact]
    public void AFamilyWithNothingInStockKeepsItsBestMember()
    {
        int[] family = [0, 0, 2];

        var kept = OnePerFamily.Keep(Ranked(3), row => family[row], row => row == 2);

        Assert.Equal([0, 2], kept.Select(k => k.Candidate.Row));
    }

    [Fact]
    public async Task ASearchShowsOnePairOfBonzerBelliesTheOneInStock()
    {
        // Three "Bonzer Bellies" (the catalog's own example) and two other ballerinas; the first pair is sold out.
        Product Bellies(string id, int stock) => new(id, "s" + id, "Bonzer Bellies", "Bonzer", ["Footwear", "Ballerinas"], 999m, 699m, 4, null, stock);
        var products = new List<Product>
        {
            Bellies("b0", 0), Bellies("b1", 5), Bellies("b2", 5),
            SmallCatalog.Item("o0", "Jade Bellies", "Jade", "Footwear", "Ballerinas"),
            SmallCatalog.Item("o1", "Nell Bellies", "Nell", "Footwear", "Ballerinas"),
        };

        var (recommender, _) = await SmallCatalog.BuildAsync(products);
        var list = (await recommender.SearchAsync(new SearchRequest("bellies", null, null, null, null, false, null, 10), null)).Items;

        Assert.Equal(1, list.Count(item => item.Name == "Bonzer Bellies"));
        Assert.Contains(list, item => item.Id is "b1" or "b2");
        Assert.Contains(list, item => item.Id == "o0");
        Assert.Contains(list, item => item.Id == "o1");
    }
}
