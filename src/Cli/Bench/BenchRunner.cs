namespace Aisle.Cli.Bench;

/// <summary>Runs a scenario: warm-up, a saturated run with the server's CPU read around it, then a paced run.</summary>
public sealed class BenchRunner(BenchSettings settings, SaturatedRun saturated, PacedRun paced, ServerCpu cpu)
{
    public async Task<BenchRow> RunAsync(BenchScenario scenario, CancellationToken cancellationToken)
    {
        if (settings.Warmup > TimeSpan.Zero)
        {
            await saturated.RunAsync(scenario.Warmup, settings.Warmup, cancellationToken);
        }

        var before = await cpu.SecondsAsync(cancellationToken);
        var load = await saturated.RunAsync(scenario.Saturated, settings.Duration, cancellationToken);
        var after = await cpu.SecondsAsync(cancellationToken);
        var cpuPerRequest = before is { } b && after is { } a && load.Requests > 0 ? (a - b) * 1e6 / load.Requests : (double?)null;
        var pace = await paced.RunAsync(scenario.Paced, settings.Rate, settings.Duration, cancellationToken);
        return new BenchRow(scenario, load, pace, cpuPerRequest, scenario.Stream && load.Requests > scenario.Saturated.Count);
    }
}
