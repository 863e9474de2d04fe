using Aisle.Cli.Evaluation;
using Aisle.Experiments;

namespace Aisle.Cli.Simulation;

/// <summary>
/// A whole simulate run against a running Aisle: check it is ready; restock every product the replay buys; stop the
/// experiments running on recommendations; warm up with half the customers' purchases; run popular vs personalized
/// (and, when asked, an A/A test) on fresh simulated shoppers; stop each experiment and read its report once the
/// totals settle; finally restart the experiments it stopped, even when interrupted.
/// </summary>
public sealed class Simulator(SimulationSettings settings, AisleClient client, StageStarter stages, Action<string> log)
{
    /// <summary>Events per warm-up request.</summary>
    public const int WarmupBatch = 500;

    /// <summary>How long apart two reads of a report must agree before its totals count as settled.</summary>
    public static readonly TimeSpan SettleInterval = TimeSpan.FromSeconds(2);

    public async Task<SimulationResult> RunAsync(ReplayData data, CancellationToken cancellationToken)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var plans = new List<ExperimentPlan> { ExperimentPlan.PopularVsPersonalized(stamp) };
        if (settings.AaTest)
        {
            plans.Add(ExperimentPlan.AaTest(stamp));
        }

        await WaitUntilReadyAsync(cancellationToken);
        await EnsureCatalogAsync(data, cancellationToken);
        var restocked = await RestockAsync(data, plans.Count, cancellationToken);
        var paused = await PauseRecommendationExperimentsAsync(cancellationToken);
        var outcomes = new List<ExperimentOutcome>();
        SimulationCounters warmup;
        string? live = null;
        try
        {
            warmup = await WarmUpAsync(data, stamp, cancellationToken);
            foreach (var plan in plans)
            {
                live = plan.Name;
                outcomes.Add(await RunExperimentAsync(plan, data.Shoppers, cancellationToken));
                live = null;
            }
        }
        finally
        {
            // Leave the shop as it was found, even after Ctrl-C: own experiment stopped, paused ones running again.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (live is not null)
            {
                await TryAsync(() => client.SetStatusAsync(live, "stopped", cleanup.Token), $"stop {live}");
            }

            foreach (var name in paused)
            {
                if (await TryAsync(() => client.SetStatusAsync(name, "running", cleanup.Token), $"restart {name}"))
                {
                    log($"Experiment {name} is running again.");
                }
            }
        }

        return new SimulationResult(data, restocked, paused, warmup, outcomes);
    }

    /// <summary>The replay buys the data file's products: a store serving another catalog (the default Flipkart one)
    /// would refuse every event, so say how to start the right one instead of failing halfway.</summary>
    private async Task EnsureCatalogAsync(ReplayData data, CancellationToken cancellationToken)
    {
        var sample = data.UnitsBought(1).Keys.Take(5).ToArray();
        var found = 0;
        foreach (var id in sample)
        {
            found += await client.HasProductAsync(id, cancellationToken) ? 1 : 0;
        }

        if (found < sample.Length)
        {
            throw new SimulationException(
                $"{settings.Url} does not serve this data's catalog ({sample.Length - found} of {sample.Length} sampled products unknown). Start Aisle on it: " +
                "Aisle__CatalogFormat=OnlineRetail Aisle__CatalogFile=data/online-retail/online_retail_2010-12_slice.csv Aisle__AdminApiKey=KEY " +
                "dotnet run --project src/Frontend -c Release");
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        var said = false;
        while (!await client.IsReadyAsync(cancellationToken))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new SimulationException($"{settings.Url}health/ready did not answer 200 within 2 minutes: is Aisle running there?");
            }

            if (!said)
            {
                log($"Waiting for {settings.Url}health/ready …");
                said = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Sets every product the replay buys to a stock it cannot sell out of, so the experiment measures ranking,
    /// not stock-outs. Returns how many products.</summary>
    private async Task<int> RestockAsync(ReplayData data, int experiments, CancellationToken cancellationToken)
    {
        var units = data.UnitsBought(settings.Repeat * experiments);
        log($"Restocking {units.Count:N0} products the replay buys to at least {SimulationSettings.MinimumStock:N0} units each (admin API), "
            + "so the experiments measure ranking, not stock-outs.");
        var progress = stages("restock", units.Count);
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (p, ct) =>
            {
                var stock = (int)Math.Clamp(2 * p.Value, SimulationSettings.MinimumStock, SimulationSettings.MaximumStock);
                await client.SetStockAsync(p.Key, stock, ct);
                progress.Advance();
            });
        return units.Count;
    }

    /// <summary>Stops every running experiment that ranks recommendations (two cannot share a surface); returns their names.</summary>
    private async Task<IReadOnlyList<string>> PauseRecommendationExperimentsAsync(CancellationToken cancellationToken)
    {
        var set = await client.ListExperimentsAsync(cancellationToken);
        var running = set.Definitions
            .Where(d => d.Status == ExperimentStatus.Running && d.Surface is ExperimentSurface.Recommendations or ExperimentSurface.All)
            .Select(d => d.Name)
            .ToList();
        foreach (var name in running)
        {
            await client.SetStatusAsync(name, "stopped", cancellationToken);
            log($"Stopped experiment {name} for the run (restarted at the end).");
        }

        return running;
    }

    /// <summary>The warm-up customers' purchases, in time order, as view + purchase events (no request id: outside any
    /// experiment), in batches of <see cref="WarmupBatch"/>.</summary>
    private async Task<SimulationCounters> WarmUpAsync(ReplayData data, string stamp, CancellationToken cancellationToken)
    {
        var counters = client.Counters = new SimulationCounters("warm-up");
        var progress = stages($"warm-up: {data.WarmupCustomers:N0} customers", data.WarmupBaskets.Count);
        var batch = new List<SimEvent>(WarmupBatch + 2);
        foreach (var (customer, lines) in data.WarmupBaskets)
        {
            var user = $"sim-{stamp}-w-{customer}";
            foreach (var line in lines)
            {
                batch.Add(new SimEvent(user, "view", line.ProductId));
                batch.Add(new SimEvent(user, "purchase", line.ProductId, line.Quantity));
                if (batch.Count >= WarmupBatch)
                {
                    await client.SendEventsAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }

            progress.Advance();
        }

        if (batch.Count > 0)
        {
            await client.SendEventsAsync(batch, cancellationToken);
        }

        counters.Finish();
        return counters;
    }

    private async Task<ExperimentOutcome> RunExperimentAsync(ExperimentPlan plan, IReadOnlyList<ShopperScript> scripts, CancellationToken cancellationToken)
    {
        client.Counters = new SimulationCounters("setup");
        await client.PutExperimentAsync(plan.Spec, cancellationToken);
        log($"Experiment {plan.Name} ({plan.Title}) is running.");
        await WaitUntilServedAsync(plan, cancellationToken);

        var traffic = client.Counters = new SimulationCounters(plan.Title);
        var replay = new ShopperReplay(client, settings);
        var planned = scripts.Count * settings.Repeat;
        var cutShort = await replay.RunAsync(plan, scripts, stages($"{plan.Title}: {planned:N0} shoppers", planned), cancellationToken);
        traffic.Finish();
        client.Counters = new SimulationCounters("report");
        await client.SetStatusAsync(plan.Name, "stopped", cancellationToken);
        if (cutShort)
        {
            log($"{plan.Title}: the {settings.Duration} cap stopped the replay after {traffic.Shoppers:N0} of {planned:N0} shoppers.");
        }

        var report = await SettledReportAsync(plan.Name, cancellationToken);
        return new ExperimentOutcome(plan, report, traffic, replay.Steps, planned, cutShort);
    }

    /// <summary>Frontends pick up a new definition within a second: asks one probe shopper's recommendations until the
    /// list says it was ranked by the experiment (that probe is one shopper in the report, with no conversion).</summary>
    private async Task WaitUntilServedAsync(ExperimentPlan plan, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while ((await client.RecommendAsync($"{plan.ShopperPrefix}probe", 1, cancellationToken)).Experiment != plan.Name)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new SimulationException($"Lists were still not ranked by {plan.Name} 30 s after it was started.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Statistics reach the report within about a second (buffered per silo): reads the report until two reads
    /// <see cref="SettleInterval"/> apart give the same totals.</summary>
    private async Task<ExperimentReport> SettledReportAsync(string name, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        var previous = await client.ReportAsync(name, cancellationToken);
        while (true)
        {
            await Task.Delay(SettleInterval, cancellationToken);
            var current = await client.ReportAsync(name, cancellationToken);
            if (Totals(current).SequenceEqual(Totals(previous)) || DateTimeOffset.UtcNow > deadline)
            {
                return current;
            }

            previous = current;
        }
    }

    private static IEnumerable<(string, Aisle.Experiments.VariantCounters)> Totals(ExperimentReport report) =>
        report.Variants.Select(v => (v.Name, v.Counters));

    private async Task<bool> TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or SimulationException or OperationCanceledException)
        {
            log($"Could not {what}: {ex.Message}");
            return false;
        }
    }
}

/// <summary>Everything a simulate run produced.</summary>
public sealed record SimulationResult(
    ReplayData Data,
    int Restocked,
    IReadOnlyList<string> PausedExperiments,
    SimulationCounters Warmup,
    IReadOnlyList<ExperimentOutcome> Experiments);
