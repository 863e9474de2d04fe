using System.CommandLine;
using Aisle.Cli.SearchEvaluation;
using Aisle.Cli.Simulation;
using Aisle.Hosting;

namespace Aisle.Cli;

/// <summary>
/// <c>aisle search-eval</c>: the project's own search relevance check. Every judged shopper query goes to a running
/// Aisle's search API; precision@10, NDCG@10 and results that break the query's price range are printed, and floors
/// make it a gate. It measures whatever understanding the server runs: the rules parser by default, the model when
/// one is configured.
/// </summary>
public static class SearchEvalCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running Aisle (loopback only)", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var judgements = new Option<FileInfo?>("--judgements") { Description = $"Judged queries CSV (default: {SearchJudgements.DefaultFile}, looked up from the current folder upwards)" };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "The Flipkart catalog CSV the server runs (default: the bundled data/flipkart/catalog_20k.csv)" };
        var worst = new Option<int>("--worst") { Description = "Also list this many weakest queries", DefaultValueFactory = _ => 15 };
        var minPrecision = new Option<double?>("--min-precision") { Description = "Exit with 1 when mean precision@10 is below this" };
        var minNdcg = new Option<double?>("--min-ndcg") { Description = "Exit with 1 when mean NDCG@10 is below this" };
        var maxBreaks = new Option<int?>("--max-price-breaks") { Description = "Exit with 1 when more shown products than this break their query's price range" };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also append the summary as a Markdown table row to this file" };

        var command = new Command("search-eval", "Judge a running Aisle's search on the project's shopper queries: precision@10, NDCG@10, broken price caps.")
        {
            url, judgements, catalog, worst, minPrecision, minNdcg, maxBreaks, markdown,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (LoopbackUrl.Parse(parse.GetValue(url), out var urlError) is not { } baseUrl)
            {
                Console.Error.WriteLine($"--url: {urlError}");
                return 2;
            }

            var file = parse.GetValue(judgements)?.FullName ?? RepoPaths.Find(SearchJudgements.DefaultFile);
            if (file is null || !File.Exists(file))
            {
                Console.Error.WriteLine($"Judgements not found: {file ?? SearchJudgements.DefaultFile}. Pass --judgements PATH.");
                return 2;
            }

            var loaded = SearchJudgements.Read(file);
            foreach (var error in loaded.Errors)
            {
                Console.Error.WriteLine($"{Path.GetFileName(file)}: {error} (skipped)");
            }

            using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            var products = new AisleOptions { CatalogFile = parse.GetValue(catalog)?.FullName }.LoadCatalog().Products;
            var run = await new SearchEvaluator(client, products).RunAsync(loaded.Judgements, cancellationToken);
            SearchEvaluationReport.Print(run, parse.GetValue(worst));
            if (parse.GetValue(markdown) is { } md)
            {
                await File.AppendAllTextAsync(md.FullName, SearchEvaluationReport.Markdown(run, baseUrl.ToString()), cancellationToken);
            }

            var failed = false;
            if (parse.GetValue(minPrecision) is { } p && run.Precision < p)
            {
                Console.Error.WriteLine($"precision@10 {run.Precision:F3} is below the floor {p:F3}");
                failed = true;
            }

            if (parse.GetValue(minNdcg) is { } n && run.Ndcg < n)
            {
                Console.Error.WriteLine($"NDCG@10 {run.Ndcg:F3} is below the floor {n:F3}");
                failed = true;
            }

            if (parse.GetValue(maxBreaks) is { } b && run.PriceBreaks > b)
            {
                Console.Error.WriteLine($"{run.PriceBreaks} shown products break their query's price range (at most {b} allowed)");
                failed = true;
            }

            return failed ? 1 : 0;
        });
        return command;
    }
}
