using System.Diagnostics;
using Aisle.Catalog;
using Aisle.Products;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Frontend.Hosting;

/// <summary>
/// Cluster mode: retries, for up to <see cref="MaxRetryTime"/> and never past the request's budget
/// (<see cref="RequestDeadline"/>), a grain call that failed because a silo had just died — so a shopper sees a slower
/// answer instead of an error while the cluster notices the death (a second or two).
/// </summary>
/// <remarks>
/// Only where a retry cannot apply anything twice:
/// <list type="bullet">
/// <item>reads (recommendations, catalog look-ups, profiles, product state) and absolute admin writes (set price, set stock), after a
/// rejection (the message never reached a grain) or a "silo unavailable" (the grain's silo died mid-call);</item>
/// <item>event batches without purchases, after a rejection only: their one inner call that can fail is the purchase's
/// stock reservation, so a rejection of such a batch means the user grain never ran it. A batch with purchases is
/// never retried: a reservation might already be taken.</item>
/// </list>
/// </remarks>
public sealed class RetryRejectedCallsFilter : IOutgoingGrainCallFilter
{
    public static readonly TimeSpan MaxRetryTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            Exception? error;
            try
            {
                await context.Invoke();
                error = context.Response?.Exception;
            }
            catch (Exception thrown) when (Retryable(context, thrown) && TimeLeft(started, delay))
            {
                error = thrown;
            }

            if (error is null || !Retryable(context, error) || !TimeLeft(started, delay))
            {
                return;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    /// <summary>Whether a retry after <paramref name="delay"/> still fits both the retry time and the request's budget
    /// (a retry the caller no longer waits for would only add load).</summary>
    private static bool TimeLeft(long started, TimeSpan delay) =>
        Stopwatch.GetElapsedTime(started) + delay < MaxRetryTime && (RequestDeadline.Remaining is not { } left || delay < left);

    private static bool Retryable(IOutgoingGrainCallContext context, Exception error)
    {
        var rejected = error is OrleansMessageRejectionException;
        var siloDied = error is SiloUnavailableException;
        if (!rejected && !siloDied)
        {
            return false;
        }

        return context.Grain switch
        {
            IRecommendationGrain or ICatalogGrain => true,
            IUserGrain when context.MethodName == nameof(IUserGrain.GetProfileAsync) => true,
            IUserGrain when context.MethodName == nameof(IUserGrain.RecordAsync) =>
                rejected && context.Request.GetArgument(0) is IReadOnlyList<ShopperEvent> events && !events.Any(e => e.Kind == InteractionKind.Purchase),
            IProductGrain when context.MethodName is nameof(IProductGrain.GetAsync) or nameof(IProductGrain.SetPriceAsync) or nameof(IProductGrain.SetStockAsync) => true,
            _ => false,
        };
    }
}
