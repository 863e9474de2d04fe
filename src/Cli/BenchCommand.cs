using System.CommandLine;
using System.Globalization;
using Aisle.Cli.Bench;
using Aisle.Cli.Simulation;
using Aisle.Hosting;
using Spectre.Console;

namespace Aisle.Cli;

/// <summary><c>aisle bench</c>: the read paths of a running Aisle under load, each beside the platform's own ceiling
/// (<c>/health/live</c>) measured in the same run — saturated requests/s, latency at a fixed rate, CPU per request.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running Aisle (loopback only)", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var duration = new Option<TimeSpan>("--duration") { Description = "Length of each saturated and each paced run (hh:mm:ss)", DefaultValueFactory = _ => TimeSpan.FromSeconds(10) };
        var warmup = new Option<TimeSpan>("--warmup") { Description = "Unmeasured load before each scenario (hh:mm:ss)", DefaultValueFactory = _ => TimeSpan.FromSeconds(3) };
        var connections = new Option<int>("--connections") { Description = "Keep-alive connections of the saturated runs", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--threads") { Description = "wrk threads of the saturated runs", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "Requests per second of the paced runs", DefaultValueFactory = _ => 200 };
        var shoppers = new Option<int>("--shoppers") { Description = "Shoppers seeded with 5–50 events each", DefaultValueFactory = _ => 200 };
        var unseen = new Option<int>("--unseen") { Description = "Never-seen queries to generate from catalog words", DefaultValueFactory = _ => 60_000 };
        var seed = new Option<int?>("--seed") { Description = "Seed of shoppers, samples and queries (default: from the clock, so a rerun's queries are still unseen)" };
        var only = new Option<string[]>("--only") { Description = "Run only these scenarios (e.g. --only recommendations 'search unseen')", AllowMultipleArgumentsPerToken = true };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "The Flipkart catalog CSV the server runs (default: the bundled data/flipkart/catalog_20k.csv)" };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also append the results as a Markdown table to this file" };

        var command = new Command("bench", "Benchmark a running Aisle's read paths beside its /health/live ceiling (needs wrk).")
        {
            url, duration, warmup, connections, threads, rate, shoppers, unseen, seed, only, catalog, markdown,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (LoopbackUrl.Parse(parse.GetValue(url), out var urlError) is not { } baseUrl)
            {
                Console.Error.WriteLine($"--url: {urlError}");
                return 2;
            }

            if (!OnPath("wrk"))
            {
                Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk");
                return 2;
            }

            var settings = new BenchSettings(
                baseUrl,
                parse.GetValue(duration) is { Ticks: > 0 } d ? d : TimeSpan.FromSeconds(10),
                parse.GetValue(warmup),
                Math.Max(1, parse.GetValue(connections)),
                Math.Max(1, parse.GetValue(threads)),
                Math.Max(1, parse.GetValue(rate)),
                Math.Max(1, parse.GetValue(shoppers)),
                Math.Max(1_000, parse.GetValue(unseen)),
                parse.GetValue(seed) ?? Environment.TickCount,
                parse.GetValue(only) is { Length: > 0 } names ? names.ToHashSet(StringComparer.OrdinalIgnoreCase) : null,
                parse.GetValue(markdown));
            return await RunAsync(settings, parse.GetValue(catalog), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSettings settings, FileInfo? catalogFile, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = settings.BaseUrl,
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (!(await client.GetAsync(BenchPlan.Ready, cancellationToken)).IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{settings.BaseUrl} is not ready (GET /{BenchPlan.Ready}).");
            return 2;
        }

        var products = new AisleOptions { CatalogFile = catalogFile?.FullName }.LoadCatalog().Products;
        if (!(await client.GetAsync($"api/products/{products[0].Id}", cancellationToken)).IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"The server does not know product {products[0].Id}: it runs another catalog than the one read here (--catalog).");
            return 2;
        }

        var random = new Random(settings.Seed);
        var shoppers = Enumerable.Range(0, settings.Shoppers).Select(i => $"bench-{settings.Seed:x}-{i}").ToArray();
        var events = await new ShopperSeeder(client).SeedAsync(shoppers, products, random, cancellationToken);
        var (personal, servedOtherwise) = await BenchPlan.PersonalShoppersAsync(client, shoppers, cancellationToken);
        if (personal.Count == 0)
        {
            Console.Error.WriteLine("No seeded shopper got personal recommendations: is an experiment serving everyone another strategy?");
            return 1;
        }

        var scenarios = BenchPlan.Scenarios(settings, products, personal, random)
            .Where(s => settings.Only is null || settings.Only.Contains(s.Name)).ToArray();
        var work = Directory.CreateTempSubdirectory("aisle-bench-");
        try
        {
            var runner = new BenchRunner(settings, new SaturatedRun(settings.BaseUrl, settings.Connections, settings.Threads, work.FullName),
                new PacedRun(client), new ServerCpu(client));
            var health = BenchScenario.Cycled("/health/live", "the platform's ceiling", [BenchPlan.Health]);
            var conditions = await ConditionsAsync(settings, client, products.Count, events, personal.Count, servedOtherwise, cancellationToken);
            Console.WriteLine(conditions);

            var first = await runner.RunAsync(health, cancellationToken);
            var rows = new List<BenchRow>();
            foreach (var scenario in scenarios)
            {
                var row = await runner.RunAsync(scenario, cancellationToken);
                Console.WriteLine($"  {scenario.Name}: {row.Saturated.RequestsPerSecond:N0} req/s, p99 {row.Paced.P99:F2} ms");
                rows.Add(row);
            }

            var last = await runner.RunAsync(health, cancellationToken);
            var report = new BenchReport(conditions, last.Saturated.RequestsPerSecond > first.Saturated.RequestsPerSecond ? last : first, rows);
            // Redirected output (a log, CI) would otherwise wrap the table at 80 columns.
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 160;
            }

            report.Write(AnsiConsole.Console);
            if (settings.Markdown is { } file)
            {
                await File.AppendAllTextAsync(file.FullName, report.Markdown() + Environment.NewLine, cancellationToken);
            }

            foreach (var error in rows.Prepend(first).Select(r => r.Saturated.Error).OfType<string>())
            {
                Console.Error.WriteLine(error);
            }

            return rows.Any(r => r.Saturated.Error is not null) ? 1 : 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> ConditionsAsync(
        BenchSettings settings, HttpClient client, int products, int events, int personal, int servedOtherwise, CancellationToken cancellationToken)
    {
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ')[0] : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"aisle bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {settings.BaseUrl}: {Environment.ProcessorCount} cores shared by server and load "
            + $"generator, load average {load} at start; catalog {products:N0} products; {events:N0} events seeded for {settings.Shoppers} shoppers "
            + $"({personal} served personal recommendations, {servedOtherwise} another strategy by a running experiment); saturated: wrk "
            + $"{settings.Threads} thread(s), {settings.Connections} connections, {settings.Duration.TotalSeconds:0} s after {settings.Warmup.TotalSeconds:0} s warm-up; "
            + $"paced: {settings.Rate:0} req/s for {settings.Duration.TotalSeconds:0} s (latency from each request's due time); seed {settings.Seed}.");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
