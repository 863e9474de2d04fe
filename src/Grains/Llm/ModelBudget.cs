namespace Aisle.Llm;

/// <summary>How a request waits for a model answer from a cache grain: at most the budget, and never fails because of it.</summary>
public static class ModelBudget
{
    /// <summary>
    /// The grain's answer within <paramref name="budget"/>, or why there is none: <see cref="LlmOutcome.Timeout"/> when the
    /// budget ran out (the call goes on in the grain, and its answer serves the next request), <see cref="LlmOutcome.Failed"/>
    /// when the grain call itself failed (a silo going away mid-call). Only the caller's own cancellation is thrown.
    /// </summary>
    public static async Task<(T? Answer, LlmOutcome Failure)> WaitAsync<T>(
        Task<T> call, TimeSpan budget, TimeProvider clock, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await call.WaitAsync(budget, clock, cancellationToken), LlmOutcome.Answered);
        }
        catch (TimeoutException)
        {
            return (null, LlmOutcome.Timeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            return (null, LlmOutcome.Failed);
        }
    }
}
