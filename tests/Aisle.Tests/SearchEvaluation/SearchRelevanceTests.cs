using Aisle.Cli.SearchEvaluation;

namespace Aisle.Tests.SearchEvaluation;

public sealed class SearchRelevanceTests
{
    [Fact]
    public void PrecisionCountsEmptyPlacesAsMisses()
    {
        Assert.Equal(0.3, SearchRelevance.Precision([true, false, true, true]), 9);
        Assert.Equal(0.0, SearchRelevance.Precision([]), 9);
    }

    [Fact]
    public void NdcgIsDiscountedGainOverTheBestPossibleForTheCatalog()
    {
        // Relevant at places 1 and 3: 1/log2(2) + 1/log2(4) = 1.5.
        // Two relevant products in the catalog: ideal 1 + 1/log2(3) = 1.6309.
        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), SearchRelevance.Ndcg([true, false, true], relevantInCatalog: 2), 9);
        // With 100 relevant in the catalog the ideal fills all ten places.
        var ideal = Enumerable.Range(0, 10).Sum(i => 1 / Math.Log2(i + 2));
        Assert.Equal(1.5 / ideal, SearchRelevance.Ndcg([true, false, true], relevantInCatalog: 100), 9);
        Assert.Equal(1.0, SearchRelevance.Ndcg([true, true], relevantInCatalog: 2), 9);
        Assert.Equal(0.0, SearchRelevance.Ndcg([true], relevantInCatalog: 0), 9);
    }

    [Fact]
    public void CategoriesMatchWholeLeadingSegments()
    {
        var judgement = new SearchJudgement("q", ["Footwear > Men's Footwear"], [], null, null);

        Assert.True(judgement.IsRelevant("Footwear > Men's Footwear > Sports Shoes", "x", 10));
        Assert.True(judgement.IsRelevant("Footwear > Men's Footwear", "x", 10));
        Assert.False(judgement.IsRelevant("Footwear > Men's Footwears", "x", 10));
        Assert.False(judgement.IsRelevant("Footwear > Women's Footwear", "x", 10));
    }

    [Fact]
    public void NameWordsMatchWholeWordsWithPlurals()
    {
        var judgement = new SearchJudgement("q", [], ["ring", "pen", "flip flop"], null, null);

        Assert.True(judgement.IsRelevant("Other", "Silver Ring", null));
        Assert.True(judgement.IsRelevant("Other", "Set of 2 Rings", null));
        Assert.True(judgement.IsRelevant("Other", "Reynolds PEN (Blue)", null));
        Assert.True(judgement.IsRelevant("Other", "Sparx Flip Flops", null));
        Assert.False(judgement.IsRelevant("Other", "Gold Earring", null));
        Assert.False(judgement.IsRelevant("Other", "Heart Pendant", null));
    }

    [Fact]
    public void APriceRangeBindsRelevanceAndCountsBreaks()
    {
        var judgement = new SearchJudgement("q", ["Watches"], [], 300, 1000);

        Assert.True(judgement.IsRelevant("Watches > Wrist Watches", "x", 1000));
        Assert.False(judgement.IsRelevant("Watches > Wrist Watches", "x", 1001));
        Assert.False(judgement.IsRelevant("Watches > Wrist Watches", "x", 299));
        Assert.False(judgement.IsRelevant("Watches > Wrist Watches", "x", null));
        Assert.True(judgement.BreaksPrice(1001));
        Assert.True(judgement.BreaksPrice(null));
        Assert.False(judgement.BreaksPrice(500));
        Assert.False(new SearchJudgement("q", ["Watches"], [], null, null).BreaksPrice(null));
    }

    [Fact]
    public void BadRowsAreReportedAndSkipped()
    {
        var csv = """
            query,relevant_categories,relevant_name_words,min_price,max_price
            good one,Watches|Footwear,,,500
            ,Watches,,,
            no judgement,,,,
            bad price,Watches,,cheap,
            upside down,Watches,,900,100
            words only,,mug|cup,,
            """;

        var loaded = SearchJudgements.Read(new StringReader(csv));

        Assert.Equal(["good one", "words only"], loaded.Judgements.Select(j => j.Query));
        Assert.Equal(["Watches", "Footwear"], loaded.Judgements[0].Categories);
        Assert.Equal(500m, loaded.Judgements[0].MaxPrice);
        Assert.Equal(["mug", "cup"], loaded.Judgements[1].NameWords);
        Assert.Equal(4, loaded.Errors.Count);
        Assert.Contains(loaded.Errors, e => e.Contains("'bad price'"));
        Assert.Contains(loaded.Errors, e => e.Contains("'upside down'"));
    }
}
