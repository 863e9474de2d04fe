namespace Aisle.Llm;

/// <summary>
/// One circuit breaker per model use (key: the purpose, e.g. <c>query_understanding</c>), shared by every silo: failures
/// seen anywhere open it everywhere. Consulted only before a model call (a cache miss), never for a cached answer.
/// </summary>
public interface ILlmCircuitGrain : IGrainWithStringKey
{
    /// <summary>True when a call may be made now: closed, or open long enough that this call is the half-open trial.</summary>
    Task<bool> TryAcquireAsync();

    /// <summary>Records how a call that was allowed ended; returns the state after it.</summary>
    Task<CircuitState> ReportAsync(bool succeeded);

    Task<CircuitState> GetStateAsync();
}
