using Aisle.Hosting;
using Microsoft.Extensions.Logging;

namespace Aisle.Experiments;

/// <summary>
/// Keeps this process's <see cref="ExperimentRouter"/> on the version the experiments grain holds: at start and then
/// every <see cref="Interval"/>, on every silo and on every cluster frontend (which route lists themselves). A pull,
/// as for the merchandising rules (<see cref="Ranking.RulesSync"/>): definitions change rarely and a poll also covers a
/// process that was starting or partitioned when they changed.
/// </summary>
public sealed partial class ExperimentsSync(ExperimentRouter router, IGrainFactory grains, ILogger<ExperimentsSync> logger) : PeriodicSync(TimeSpan.FromSeconds(1))
{
    public override async Task SyncAsync()
    {
        var known = router.Current.Version;
        if (await grains.GetGrain<IExperimentsGrain>(0).GetChangedAsync(known) is { } changed)
        {
            router.Set(changed);
            LogApplied(logger, changed.Version, known);
        }
    }

    protected override void NotReachable(Exception error) => LogNotReachable(logger, error.Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiments version {Version} applied (was {Previous})")]
    private static partial void LogApplied(ILogger logger, long version, long previous);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Experiments grain not reachable: {Reason}")]
    private static partial void LogNotReachable(ILogger logger, string reason);
}
