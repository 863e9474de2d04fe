using Aisle.Catalog;
using Aisle.Cli.SearchEvaluation;
using Aisle.Tests.Catalog;
using Xunit.Abstractions;

namespace Aisle.Tests.Api;

/// <summary>
/// The search evaluation (<c>aisle search-eval</c>) against the running app with the rules parser: the project's
/// judged shopper queries keep their relevance, and no result breaks a price range a query asked for. The floors are
/// the figures in docs/evaluation.md less a margin for ranking drift from the other API tests' events.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SearchRelevanceApiTests(AisleAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task JudgedQueriesKeepTheirRelevanceAndPriceCaps()
    {
        var judgements = SearchJudgements.Read(Path.Combine(RepoFiles.Root, SearchJudgements.DefaultFile)).Judgements;
        var catalog = CatalogLoader.Load(RepoFiles.Catalog20k).Products;

        var run = await new SearchEvaluator(app.Client, catalog).RunAsync(judgements);

        // The figures, for the test log and for CI's own log (.ci/run prints artifacts/search-relevance.md).
        var summary = SearchEvaluationReport.Markdown(run, "test app, rules parser");
        output.WriteLine(summary);
        Directory.CreateDirectory(Path.Combine(RepoFiles.Root, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(RepoFiles.Root, "artifacts", "search-relevance.md"), summary);

        Assert.Equal(judgements.Count, run.Queries.Count);
        Assert.True(run.Precision >= 0.80, $"precision@10 {run.Precision:F3}");
        Assert.True(run.Ndcg >= 0.80, $"NDCG@10 {run.Ndcg:F3}");
        Assert.Equal(0, run.PriceBreaks);
    }
}
