using Aisle.Catalog;
using Aisle.Hosting;

namespace Aisle.Silo.Hosting;

/// <summary>
/// A cluster silo joins the cluster only once its catalog replica and indexes are loaded: Orleans places new grains
/// (random placement) on any active silo, and a grain placed on a silo still loading would answer "catalog loading"
/// (503) — in a rolling restart, every shopper landing on the restarted silo for the few seconds of its load.
/// Held at the stage before Orleans' BecomeActive, so until then other silos and clients do not see this one at all.
/// </summary>
/// <remarks>
/// The host starts its services one after another and the silo's start now waits for the catalog, so the catalog
/// loader must start before the silo (<see cref="Add"/> moves it first). The services after the silo — the replica
/// feed, the rules and experiments polls, the HTTP endpoints — start, as before, with the silo active; a cluster silo's
/// <c>/health/live</c> therefore answers once it joined (seconds with a warm embedding cache; the chart's startup probe
/// allows 5 minutes for a first start that embeds the catalog). A catalog that fails to load stops the silo's start,
/// so the process exits with the reason rather than idling unready.
/// </remarks>
public sealed partial class JoinWhenCatalogReady(CatalogReplica replica, ILogger<JoinWhenCatalogReady> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Registers the wait, and moves the catalog loader's hosted service ahead of the silo's.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JoinWhenCatalogReady>();
        var loader = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CatalogBootstrapper));
        services.Remove(loader);
        services.Insert(0, loader);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JoinWhenCatalogReady), ServiceLifecycleStage.BecomeActive - 1, WaitAsync);

    private async Task WaitAsync(CancellationToken cancellation)
    {
        LogWaiting(logger);
        while (!replica.Ready)
        {
            if (replica.Stage.StartsWith("failed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The silo does not join the cluster: its catalog {replica.Stage}.");
            }

            await Task.Delay(Poll, cancellation);
        }

        LogJoining(logger, replica.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Joining the cluster once the catalog is loaded")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog loaded ({Products} products): joining the cluster")]
    private static partial void LogJoining(ILogger logger, int products);
}
