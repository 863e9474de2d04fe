using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aisle.Experiments;

/// <summary>
/// Per silo: sums what shoppers did per experiment variant (exposures, lists, clicks, add to carts, purchases, revenue)
/// and adds it to each experiment's <see cref="IExperimentStatsGrain"/> once per <see cref="Interval"/>, so a busy
/// experiment costs its stats grain one call per silo per second, never one per request.
/// </summary>
/// <remarks>
/// A delivery that fails is kept and retried with the next one. What is held here when a silo dies is lost (at most
/// one interval of one silo's counts); the shopper's own exposure record, which decides whether the shopper is counted
/// again, is stored by the user grain.
/// </remarks>
public sealed partial class ExperimentActivityBuffer(IGrainFactory grains, TimeProvider clock, ILogger<ExperimentActivityBuffer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Dictionary<(string Experiment, string Variant), VariantCounters> _pending = [];

    /// <summary>Adds <paramref name="counters"/> to what <paramref name="exposure"/>'s variant will deliver.</summary>
    public void Add(Exposure exposure, VariantCounters counters)
    {
        var key = (exposure.Experiment, exposure.Variant);
        lock (_lock)
        {
            _pending[key] = _pending.TryGetValue(key, out var sum) ? sum.Plus(counters) : counters;
        }
    }

    /// <summary>Delivers everything pending now (tests, shutdown).</summary>
    public async Task FlushAsync()
    {
        Dictionary<(string Experiment, string Variant), VariantCounters> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        var now = clock.GetUtcNow();
        foreach (var experiment in batch.GroupBy(p => p.Key.Experiment))
        {
            var deltas = experiment.Select(p => new VariantDelta(p.Key.Variant, p.Value)).ToArray();
            try
            {
                await grains.GetGrain<IExperimentStatsGrain>(experiment.Key).AddAsync(deltas, now);
            }
            catch (Exception ex)
            {
                LogDeliveryFailed(logger, experiment.Key, ex.Message);
                foreach (var delta in deltas)
                {
                    Add(new Exposure(experiment.Key, delta.Variant), delta.Counters);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await FlushAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Experiment '{Experiment}' counts not delivered, kept for the next try: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string experiment, string reason);
}
