namespace Aisle.Frontend.Hosting;

/// <summary>
/// Cluster mode: a grain call made for an HTTP request waits at most for what is left of the request's budget
/// (<see cref="RequestDeadline"/>), then fails with <see cref="ClusterCallTimeoutException"/> (503). Calls outside a
/// request (background polls) keep Orleans' own response timeout.
/// </summary>
/// <remarks>
/// Registered before <see cref="RetryRejectedCallsFilter"/>, so the budget bounds its retries too. The abandoned call is
/// left to Orleans, which completes it when an answer or its response timeout arrives; it may still be applied, which
/// is why writes carry ids (events) or are absolute (price, stock) and a client may retry them.
/// </remarks>
public sealed class CallDeadlineFilter : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (RequestDeadline.Remaining is not { } remaining)
        {
            await context.Invoke();
            return;
        }

        var name = $"{context.InterfaceName}.{context.MethodName}";
        if (remaining <= TimeSpan.Zero)
        {
            throw new ClusterCallTimeoutException(name, remaining);
        }

        var call = context.Invoke();
        try
        {
            await call.WaitAsync(remaining);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            // Observe the abandoned call's eventual failure, so it is not reported as an unobserved task exception.
            _ = call.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new ClusterCallTimeoutException(name, remaining);
        }
    }
}
