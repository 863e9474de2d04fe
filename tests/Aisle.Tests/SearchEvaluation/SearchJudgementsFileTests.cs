using Aisle.Cli.SearchEvaluation;
using Aisle.Tests.Catalog;

namespace Aisle.Tests.SearchEvaluation;

/// <summary>The project's judged queries are usable: every row loads, and each has answers in the bundled catalog.</summary>
public sealed class SearchJudgementsFileTests(RealCatalogFixture catalog) : IClassFixture<RealCatalogFixture>
{
    private static SearchJudgements.Loaded Load() => SearchJudgements.Read(Path.Combine(RepoFiles.Root, SearchJudgements.DefaultFile));

    [Fact]
    public void AtLeastAHundredDistinctQueriesLoadWithoutErrors()
    {
        var loaded = Load();

        Assert.Empty(loaded.Errors);
        Assert.True(loaded.Judgements.Count >= 100, $"{loaded.Judgements.Count} judged queries");
        Assert.Equal(loaded.Judgements.Count, loaded.Judgements.Select(j => j.Query).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(loaded.Judgements.Count(j => j.HasPriceConstraint) >= 10, "too few queries with a price range");
    }

    [Fact]
    public void EveryJudgedCategoryExistsAndEveryQueryHasTenRelevantProducts()
    {
        var products = catalog.Result.Products;
        var categories = products.Select(p => p.Category).ToList();
        var evaluator = new SearchEvaluator(new HttpClient(), products);
        foreach (var judgement in Load().Judgements)
        {
            foreach (var prefix in judgement.Categories)
            {
                var probe = judgement with { Categories = [prefix], NameWords = [], MinPrice = null, MaxPrice = null };
                Assert.True(categories.Any(c => probe.IsRelevant(c, "", null)), $"'{judgement.Query}': no product in '{prefix}'");
            }

            Assert.True(evaluator.RelevantInCatalog(judgement) >= 10, $"'{judgement.Query}' has fewer than 10 relevant products");
        }
    }
}
