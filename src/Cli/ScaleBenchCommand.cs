using System.CommandLine;
using System.Diagnostics;
using Aisle.Cli.Scale;
using Aisle.Retrieval;

namespace Aisle.Cli;

/// <summary><c>aisle scale-bench</c>: the growth table of the vector index — exact and approximate — at catalog sizes from
/// 20k to a million, on a catalog made by <c>generate-catalog</c>.</summary>
public static class ScaleBenchCommand
{
    public static Command Create()
    {
        var catalog = new Option<DirectoryInfo>("--catalog") { Description = "A directory written by generate-catalog", Required = true };
        var sizes = new Option<int[]>("--sizes") { Description = "Catalog sizes to measure, each the first n products of the catalog", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [20_000, 200_000, 1_000_000] };
        var queries = new Option<int>("--queries") { Description = "Queries per run: the 34 real search texts, then perturbed product vectors", DefaultValueFactory = _ => 1_000 };
        var k = new Option<int>("--k") { Description = "Results per query (recall is measured at this k)", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the perturbed queries", DefaultValueFactory = _ => 5 };
        var connectivity = new Option<int>("--connectivity") { Description = "Aisle:Vectors:Connectivity", DefaultValueFactory = _ => new VectorIndexOptions().Connectivity };
        var expansionAdd = new Option<int>("--expansion-add") { Description = "Aisle:Vectors:ExpansionAdd", DefaultValueFactory = _ => new VectorIndexOptions().ExpansionAdd };
        var expansionSearch = new Option<int[]>("--expansion-search") { Description = "Aisle:Vectors:ExpansionSearch; several values search one graph at each", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [new VectorIndexOptions().ExpansionSearch] };
        var exactScanBelow = new Option<int>("--exact-scan-below") { Description = "Aisle:Vectors:ExactScanBelow", DefaultValueFactory = _ => new VectorIndexOptions().ExactScanBelow };

        var command = new Command("scale-bench", "Growth table of the exact and the approximate vector index at 20k, 200k and 1M products.")
        {
            catalog, sizes, queries, k, seed, connectivity, expansionAdd, expansionSearch, exactScanBelow,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(catalog)!.FullName;
            var loadWatch = Stopwatch.StartNew();
            var loaded = await BenchmarkCatalog.LoadAsync(directory, cancellationToken);
            Console.WriteLine($"Catalog {directory}: {loaded.Products.Count:N0} products and vectors loaded in {loadWatch.Elapsed.TotalSeconds:F0} s.");
            var options = new VectorIndexOptions
            {
                Connectivity = parse.GetValue(connectivity),
                ExpansionAdd = parse.GetValue(expansionAdd),
                ExpansionSearch = parse.GetValue(expansionSearch)![0],
                ExactScanBelow = parse.GetValue(exactScanBelow),
            };
            var set = await ScaleQueries.CreateAsync(loaded, Math.Max(Bench.BenchQueries.Mix.Count, parse.GetValue(queries)), parse.GetValue(seed), 0.02f, cancellationToken);
            var perQuery = parse.GetValue(k);
            Console.WriteLine(
                $"{set.Count:N0} queries ({Bench.BenchQueries.Mix.Count} real texts embedded with all-MiniLM-L6-v2, the rest perturbed products), k = {perQuery}, one thread, latency in the thread's CPU time; " +
                $"HNSW connectivity {options.Connectivity}, expansion add {options.ExpansionAdd} / search {string.Join(", ", parse.GetValue(expansionSearch)!)}, exact scan below {options.ExactScanBelow:N0} rows; " +
                $"{Environment.ProcessorCount} cores, int8 kernel {Aisle.Retrieval.Vector.Int8DotProduct.Kernel}.");
            Console.WriteLine();
            Console.WriteLine($"| products | index | build | index memory | process RSS | unfiltered CPU p50 / p99 (wall p99) | q/s per core | recall@{perQuery} (ties) | filtered CPU p50 / p99 (wall p99) | q/s per core | recall@{perQuery} (ties) | load avg |");
            Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            var measurement = new ScaleMeasurement(loaded, set, perQuery, options, parse.GetValue(expansionSearch)!);
            foreach (var size in parse.GetValue(sizes)!.Where(s => s <= loaded.Products.Count))
            {
                foreach (var row in measurement.Run(size))
                {
                    Console.WriteLine(
                        $"| {row.Products:N0} | {row.Index} | {row.BuildSeconds:F1} s | {Mb(row.IndexBytes)} | {Mb(row.ProcessRssBytes)} | " +
                        $"{Cells(row.Unfiltered)} | {Cells(row.Filtered)} | {LoadAverage()} |");
                }
            }

            return 0;
        });
        return command;
    }

    private static string Cells(ScaleLatency latency) =>
        $"{latency.CpuP50Milliseconds:F3} / {latency.CpuP99Milliseconds:F3} ms ({latency.WallP99Milliseconds:F2}) | {latency.QueriesPerSecond:N0} | " +
        $"{latency.Recall:F3} ({latency.RecallWithTies:F3})";

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MiB";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
