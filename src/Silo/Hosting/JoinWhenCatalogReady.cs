using Aisle.Catalog;

namespace Aisle.Silo.Hosting;

/// <summary>
/// A cluster silo joins the cluster only once its catalog replica and indexes are loaded: Orleans places new grains
/// (random placement) on any active silo, and a grain placed on a silo still loading would answer "catalog loading"
/// (503) — in a rolling restart, every shopper landing on the restarted silo for the few seconds of its load.
/// Held at the stage before Orleans' BecomeActive, so until then other silos and clients do not see this one at all.
/// </summary>
/// <remarks>
/// The HTTP endpoints answer meanwhile (<c>/health/live</c> 200, <c>/health/ready</c> 503 with the loading stage).
/// A catalog that fails to load stops the silo's start, so the process exits with the reason rather than idling unready.
/// </remarks>
public sealed partial class JoinWhenCatalogReady(CatalogReplica replica, ILogger<JoinWhenCatalogReady> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

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
