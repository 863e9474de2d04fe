using Aisle.Catalog;
using Aisle.Query;
using Aisle.Ranking;

namespace Aisle.Tests.Ranking;

/// <summary>A model's rewritten keywords are what BM25 searches; the shopper's own words remain the fallback.</summary>
public sealed class RewrittenKeywordsTests
{
    private const string Words = "something to read the hours";

    [Fact]
    public async Task TheShoppersOwnWordsFindNothingLexically()
    {
        var search = await SmallCatalog.SearchAsync(SmallCatalog.KitchenPetsWatches(), Understood(keywords: null));

        Assert.DoesNotContain(search.Items, i => i.Sources.Contains(Explainer.Lexical));
    }

    [Fact]
    public async Task TheModelsKeywordsRetrieveLexically()
    {
        var search = await SmallCatalog.SearchAsync(SmallCatalog.KitchenPetsWatches(), Understood(keywords: "analog watch"));

        var lexical = search.Items.Where(i => i.Sources.Contains(Explainer.Lexical)).ToArray();
        Assert.Equal(6, lexical.Length);
        Assert.All(lexical, i => Assert.StartsWith("Analog Watch", i.Name, StringComparison.Ordinal));
        // Three: diversity lets one brand take at most RankingOptions.MaxPerBrand places before others.
        Assert.All(search.Items.Take(3), i => Assert.StartsWith("Analog Watch", i.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeywordsThatFindNothingFallBackToTheShoppersWords()
    {
        var parsed = new ParsedQuery("dog bowl", "dog bowl", null, null, null, null, Gender.None, []) { Keywords = "spaceship" };

        var search = await SmallCatalog.SearchAsync(SmallCatalog.KitchenPetsWatches(), parsed);

        Assert.Contains(search.Items, i => i.Sources.Contains(Explainer.Lexical) && i.Name.StartsWith("Steel Dog Bowl", StringComparison.Ordinal));
    }

    private static ParsedQuery Understood(string? keywords) =>
        new(Words, Words, null, null, null, null, Gender.None, []) { Keywords = keywords };
}
