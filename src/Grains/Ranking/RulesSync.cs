using Aisle.Recommendations;
using Aisle.Hosting;
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
public sealed partial class RulesSync(BusinessRules rules, IGrainFactory grains, ILogger<RulesSync> logger) : PeriodicSync(TimeSpan.FromSeconds(1))
{
    /// <summary>Installs the rule grain's version if it differs from this silo's.</summary>
    public override async Task SyncAsync()
    {
        var known = rules.Version;
        if (await grains.GetGrain<IRulesGrain>(0).GetChangedAsync(known) is { } changed)
        {
            rules.Set(changed);
            LogApplied(logger, changed.Version, known);
        }
    }

    protected override void NotReachable(Exception error) => LogNotReachable(logger, error.Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merchandising rules version {Version} applied (was {Previous})")]
    private static partial void LogApplied(ILogger logger, long version, long previous);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rules grain not reachable: {Reason}")]
    private static partial void LogNotReachable(ILogger logger, string reason);
}
