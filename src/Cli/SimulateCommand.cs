using System.CommandLine;
using Aisle.Catalog;
using Aisle.Cli.Evaluation;
using Aisle.Cli.Simulation;
using Aisle.Hosting;
using Spectre.Console;

namespace Aisle.Cli;

/// <summary><c>aisle simulate</c>: replays real Online Retail shoppers through the HTTP API of a running Aisle and reads
/// the experiment reports (popular vs personalized recommendations, optionally an A/A test).</summary>
public static class SimulateCommand
{
    public const string ApiKeyVariable = "AISLE_ADMIN_KEY";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running Aisle (loopback only: the load never leaves this machine)", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var apiKey = new Option<string?>("--api-key") { Description = $"Admin API key (default: ${ApiKeyVariable})" };
        var data = new Option<FileInfo?>("--data") { Description = "Online Retail CSV (default: the bundled data/online-retail/online_retail_2010-12_slice.csv, looked up from the current folder upwards); Aisle must run on the same catalog" };
        var repeat = new Option<int>("--repeat") { Description = "Distinct simulated shoppers per real customer (sample size)", DefaultValueFactory = _ => 4 };
        var maxRate = new Option<double>("--max-rate") { Description = "Requests per second, at most", DefaultValueFactory = _ => 500 };
        var duration = new Option<TimeSpan>("--duration") { Description = "Longest replay per experiment (hh:mm:ss); shoppers still walking then are cut short", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var concurrency = new Option<int>("--concurrency") { Description = "Shoppers walking at once", DefaultValueFactory = _ => 16 };
        var seed = new Option<int>("--seed") { Description = "Seed of the warm-up split and of every shopper's choices", DefaultValueFactory = _ => 42 };
        var aa = new Option<bool>("--aa") { Description = "Also run an A/A experiment (hybrid vs hybrid) on fresh shoppers" };
        var warmupShare = new Option<double>("--warmup-share") { Description = "Share of customers replayed first as plain purchases, outside any experiment", DefaultValueFactory = _ => 0.5 };
        var searchShare = new Option<double>("--search-share") { Description = "Chance a shopper searches for an item the recommendations missed", DefaultValueFactory = _ => 0.5 };
        var leaveShare = new Option<double>("--leave-share") { Description = "Chance a shopper who did not find an item in Aisle leaves for good", DefaultValueFactory = _ => 0.1 };

        var command = new Command("simulate", "Replay real Online Retail shoppers through a running Aisle's HTTP API and report popular vs personalized (and A/A) experiments.")
        {
            url, apiKey, data, repeat, maxRate, duration, concurrency, seed, aa, warmupShare, searchShare, leaveShare,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (LoopbackUrl.Parse(parse.GetValue(url), out var urlError) is not { } baseUrl)
            {
                Console.Error.WriteLine($"--url: {urlError}");
                return 2;
            }

            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (string.IsNullOrEmpty(key))
            {
                Console.Error.WriteLine($"An admin API key is needed (restock, experiments): pass --api-key or set {ApiKeyVariable}.");
                return 2;
            }

            string file;
            try
            {
                file = new AisleOptions { CatalogFormat = CatalogFormat.OnlineRetail, CatalogFile = parse.GetValue(data)?.FullName }.ResolveCatalogFile();
            }
            catch (FileNotFoundException ex)
            {
                Console.Error.WriteLine($"{ex.Message} Pass --data PATH.");
                return 2;
            }

            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"Data file not found: {file}.");
                return 2;
            }

            var settings = new SimulationSettings(
                baseUrl, key, file,
                Math.Max(1, parse.GetValue(repeat)),
                Math.Max(1, parse.GetValue(maxRate)),
                parse.GetValue(duration) is { Ticks: > 0 } d ? d : TimeSpan.FromMinutes(5),
                Math.Max(1, parse.GetValue(concurrency)),
                parse.GetValue(seed),
                parse.GetValue(aa),
                Math.Clamp(parse.GetValue(warmupShare), 0, 0.95),
                new ShopperBehaviour(Math.Clamp(parse.GetValue(searchShare), 0, 1), Math.Clamp(parse.GetValue(leaveShare), 0, 1)));

            var replay = ReplayData.Load(settings.DataFile, settings.WarmupShare, settings.Seed);
            Console.WriteLine($"{Path.GetFileName(file)}: {replay.Products:N0} products, {replay.Customers:N0} customers; "
                + $"{replay.WarmupCustomers:N0} warm up ({replay.WarmupBaskets.Count:N0} baskets), {replay.Shoppers.Count:N0} × {settings.Repeat} replayed as shoppers per experiment.");

            using var client = new AisleClient(settings.Url, settings.ApiKey, new RequestPacer(settings.MaxRate), settings.Concurrency);
            SimulationResult result;
            try
            {
                result = await RunWithProgressAsync(settings, client, replay, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("Interrupted: the run's experiment was stopped and paused experiments restarted.");
                return 130;
            }
            catch (Exception ex) when (ex is SimulationException or HttpRequestException)
            {
                Console.Error.WriteLine($"Simulation failed: {ex.Message}");
                return 1;
            }

            if (Console.IsOutputRedirected)
            {
                // A log or pipe has no width: keep the wide report on one line per row.
                AnsiConsole.Profile.Width = 200;
            }

            foreach (var outcome in result.Experiments)
            {
                AnsiConsole.Write(ReportTables.Report(outcome));
                AnsiConsole.Write(ReportTables.Steps(outcome));
            }

            AnsiConsole.Write(ReportTables.Throughput(result));
            Console.WriteLine($"Restocked {result.Restocked:N0} products to ≥ {SimulationSettings.MinimumStock:N0} units before the run (stock-outs cannot decide the result); they keep that stock.");
            foreach (var outcome in result.Experiments)
            {
                Console.WriteLine(outcome.Plan.Control == "popular" ? ReportTables.WinVerdict(outcome).Text : ReportTables.AaVerdict(outcome).Text);
                if (outcome.CutShort)
                {
                    Console.WriteLine($"  (cut short by --duration after {outcome.Traffic.Shoppers:N0} of {outcome.ShoppersPlanned:N0} shoppers)");
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task<SimulationResult> RunWithProgressAsync(SimulationSettings settings, AisleClient client, ReplayData data, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs: a line per stage and per tenth of it instead of redrawn bars.
            return await new Simulator(settings, client, (description, total) => new LineStage(description, total), Console.WriteLine)
                .RunAsync(data, cancellationToken);
        }

        var lines = new List<string>();
        var result = await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(ctx => new Simulator(settings, client, (description, total) => new SpectreStage(ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total))),
                line => { lock (lines) { lines.Add(line); } }).RunAsync(data, cancellationToken));
        lines.ForEach(Console.WriteLine);
        return result;
    }

    private sealed class SpectreStage(ProgressTask task) : IStageProgress
    {
        public void Advance(int by = 1) => task.Increment(by);
    }

    /// <summary>Progress as plain lines: the stage's start, then every tenth done.</summary>
    private sealed class LineStage : IStageProgress
    {
        private readonly string _description;
        private readonly int _total;
        private int _done;

        public LineStage(string description, int total)
        {
            (_description, _total) = (description, Math.Max(1, total));
            Console.WriteLine($"{description} …");
        }

        public void Advance(int by = 1)
        {
            var before = Interlocked.Add(ref _done, by) - by;
            if (before * 10 / _total != (before + by) * 10 / _total)
            {
                Console.WriteLine($"{_description}: {(before + by) * 100 / _total} %");
            }
        }
    }
}
