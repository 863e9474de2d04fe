using System.ClientModel;

namespace Aisle.Llm;

/// <summary>Names what went wrong in a model call, for the fallback metric and the circuit breaker.</summary>
public static class LlmFailures
{
    /// <summary>The outcome an exception from the chat client means.</summary>
    public static LlmOutcome Classify(Exception error) => error switch
    {
        OperationCanceledException or TimeoutException => LlmOutcome.Timeout,
        ClientResultException { Status: 429 } => LlmOutcome.RateLimited,
        ClientResultException { Status: >= 500 } => LlmOutcome.ServerError,
        HttpRequestException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } => LlmOutcome.RateLimited,
        HttpRequestException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => LlmOutcome.ServerError,
        _ => LlmOutcome.Failed,
    };

    /// <summary>True for outcomes that say the service itself is unwell (they count towards opening the circuit); an
    /// answer naming something the catalog lacks is a working service with an unusable reading.</summary>
    public static bool CountsAgainstService(LlmOutcome outcome) =>
        outcome is LlmOutcome.Timeout or LlmOutcome.RateLimited or LlmOutcome.ServerError or LlmOutcome.Malformed or LlmOutcome.Failed;

    /// <summary>The metric label of an outcome (bounded: one per enum value).</summary>
    public static string Label(LlmOutcome outcome) => outcome switch
    {
        LlmOutcome.Answered => "answered",
        LlmOutcome.Timeout => "timeout",
        LlmOutcome.RateLimited => "rate_limited",
        LlmOutcome.ServerError => "server_error",
        LlmOutcome.Malformed => "malformed",
        LlmOutcome.UnknownCategory => "unknown_category",
        LlmOutcome.UnknownBrand => "unknown_brand",
        LlmOutcome.CircuitOpen => "circuit_open",
        _ => "failed",
    };
}
