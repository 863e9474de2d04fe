using System.Diagnostics;
using Orleans.Core.Internal;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Aisle.Silo.Hosting;

/// <summary>
/// A cluster silo that is asked to stop (SIGTERM: a rolling upgrade, a scale-in) first moves its shoppers', carts' and
/// products' grains to the other active silos with Orleans' live migration, and only then lets Orleans' own graceful
/// shutdown run. Migration carries each grain's state in memory and re-targets the calls queued for it, so shoppers
/// keep being answered while their grains move.
/// </summary>
/// <remarks>
/// Without it, Orleans' shutdown deactivates every activation at once and holds each call for them until the grain is
/// gone, then forwards it; the next silo reads the grain's state back from PostgreSQL. Measured in rolling restarts
/// under 200 requests/s on two busy cores: that deactivation took up to 3.4 s for 455 activations, and the calls held
/// that long outlived the frontends' 1.5 s request budget (a few hundred 503s per silo leaving; docs/reliability.md).
/// Runs at the first stop stage (<see cref="ServiceLifecycleStage.Active"/>), while this silo is still a full member,
/// so each grain is sent to a named silo (a placement hint) rather than possibly placed back here. Grains created here
/// meanwhile, and kinds not listed, are deactivated by Orleans' shutdown as before.
/// </remarks>
public sealed partial class HandOverOnShutdown(
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails self,
    IConfiguration configuration,
    ILogger<HandOverOnShutdown> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Configuration key <c>Aisle:Cluster:HandOverBudget</c>: how long a stopping silo spends moving its grains
    /// (default 10 s, within the chart's 60 s termination grace period); zero turns the hand-over off.</summary>
    public const string BudgetKey = "Aisle:Cluster:HandOverBudget";

    /// <summary>The grain kinds requests reach all the time and whose state is worth carrying (stateless workers
    /// cannot migrate; the replica sink belongs to its silo; the few singletons just reactivate).</summary>
    private static readonly HashSet<string> Kinds = ["user", "cart", "product"];

    private const int Wave = 32;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static void Add(IServiceCollection services) =>
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, HandOverOnShutdown>();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(HandOverOnShutdown), ServiceLifecycleStage.Active, _ => Task.CompletedTask, HandOverAsync);

    private async Task HandOverAsync(CancellationToken cancellation)
    {
        var budget = configuration.GetValue(BudgetKey, TimeSpan.FromSeconds(10));
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(self.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToArray();
        if (budget <= TimeSpan.Zero || targets.Length == 0)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(budget);
        var started = Stopwatch.GetTimestamp();
        var local = await LocalAsync();
        var moved = 0;
        try
        {
            // In waves: a grain's callers wait while it moves, so each should move quickly; hundreds at once flood the
            // receiving silos, and every grain's pause lasts until the last of them has landed.
            foreach (var wave in local.Chunk(Wave))
            {
                var calls = new Task[wave.Length];
                for (var i = 0; i < wave.Length; i++)
                {
                    // The hint spreads the grains over the other silos and keeps placement from choosing this one.
                    RequestContext.Set(IPlacementDirector.PlacementHintKey, targets[(moved + i) % targets.Length]);
                    calls[i] = grains.GetGrain(wave[i]).Cast<IGrainManagementExtension>().MigrateOnIdle().AsTask();
                }

                RequestContext.Clear();
                await Task.WhenAll(calls).WaitAsync(deadline.Token);

                // Each grain moves once its current request ends: wait for that, not for a fixed time.
                while ((await LocalAsync()).Intersect(wave).Any())
                {
                    await Task.Delay(Poll, deadline.Token);
                }

                moved += wave.Length;
                LogWave(logger, moved, local.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            LogHandedOver(logger, moved, targets.Length, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception error) when (error is OperationCanceledException or TimeoutException or OrleansException)
        {
            // Whatever did not move is deactivated by Orleans' shutdown, as without the hand-over.
            LogIncomplete(logger, local.Count, local.Count - moved, Stopwatch.GetElapsedTime(started).TotalSeconds, error.Message);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private async Task<List<GrainId>> LocalAsync()
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [self.SiloAddress]);
        return [.. statistics.Select(s => s.GrainId).Where(id => Kinds.Contains(id.Type.ToString()!))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed {Grains} grains over to {Silos} other silos in {Seconds:F2} s before shutting down")]
    private static partial void LogHandedOver(ILogger logger, int grains, int silos, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hand-over: {Moved} of {Grains} grains moved after {Seconds:F2} s")]
    private static partial void LogWave(ILogger logger, int moved, int grains, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-over incomplete: {Left} of {Grains} grains still here after {Seconds:F2} s ({Reason}); Orleans' shutdown deactivates them")]
    private static partial void LogIncomplete(ILogger logger, int grains, int left, double seconds, string reason);
}
