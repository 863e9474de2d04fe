using Aisle.Recommendations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aisle.Ranking;

/// <summary>
/// Keeps this silo's <see cref="BusinessRules"/> on the version the rules grain holds: once at silo start (a startup
/// task, so a restarted silo serves with the saved rules from its first request) and then every <see cref="Interval"/>.
/// </summary>
/// <remarks>
/// A pull, not a push like <see cref="Catalog.ReplicaFeed"/>: rules change rarely, and a poll also covers a silo that
/// was starting, partitioned or restarting when they changed, with nothing to deliver or retry. The poll is one small
/// grain call per silo per interval that carries the rules only when the version differs.
/// </remarks>
public sealed partial class RulesSync(BusinessRules rules, IGrainFactory grains, ILogger<RulesSync> logger) : BackgroundService
{
    /// <summary>How long a silo may serve the previous rules after an admin saved new ones.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Installs the rule grain's version if it differs from this silo's.</summary>
    public async Task SyncAsync()
    {
        var known = rules.Version;
        if (await grains.GetGrain<IRulesGrain>(0).GetChangedAsync(known) is { } changed)
        {
            rules.Set(changed);
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
                    // The silo is still starting, or the rules grain is moving after a silo died: the next tick retries.
                    LogNotReachable(logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Merchandising rules version {Version} applied (was {Previous})")]
    private static partial void LogApplied(ILogger logger, long version, long previous);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rules grain not reachable: {Reason}")]
    private static partial void LogNotReachable(ILogger logger, string reason);
}
