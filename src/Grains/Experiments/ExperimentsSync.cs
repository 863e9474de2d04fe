using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aisle.Experiments;

/// <summary>
/// Keeps this process's <see cref="ExperimentRouter"/> on the version the experiments grain holds: at start and then
/// every <see cref="Interval"/>, on every silo and on every cluster frontend (which route lists themselves). A pull,
/// as for the merchandising rules (<see cref="Ranking.RulesSync"/>): definitions change rarely and a poll also covers a
/// process that was starting or partitioned when they changed.
/// </summary>
public sealed partial class ExperimentsSync(ExperimentRouter router, IGrainFactory grains, ILogger<ExperimentsSync> logger) : BackgroundService
{
    /// <summary>How long a process may route by the previous definitions after an admin saved new ones.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task SyncAsync()
    {
        var known = router.Current.Version;
        if (await grains.GetGrain<IExperimentsGrain>(0).GetChangedAsync(known) is { } changed)
        {
            router.Set(changed);
            LogApplied(logger, changed.Version, known);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SyncAsync().WaitAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Still starting, or the grain is moving after a silo died: the next tick retries.
                    LogNotReachable(logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiments version {Version} applied (was {Previous})")]
    private static partial void LogApplied(ILogger logger, long version, long previous);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Experiments grain not reachable: {Reason}")]
    private static partial void LogNotReachable(ILogger logger, string reason);
}
