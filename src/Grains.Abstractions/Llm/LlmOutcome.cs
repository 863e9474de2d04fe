namespace Aisle.Llm;

/// <summary>How one attempt to use the model ended; everything but <see cref="Answered"/> means the rules answer.</summary>
[GenerateSerializer]
public enum LlmOutcome
{
    Answered = 0,

    /// <summary>No answer within the deadline.</summary>
    Timeout = 1,

    /// <summary>HTTP 429 from the provider.</summary>
    RateLimited = 2,

    /// <summary>HTTP 5xx from the provider.</summary>
    ServerError = 3,

    /// <summary>A reply that is not JSON of the requested schema.</summary>
    Malformed = 4,

    /// <summary>A category the catalog does not have.</summary>
    UnknownCategory = 5,

    /// <summary>A brand the catalog does not have.</summary>
    UnknownBrand = 6,

    /// <summary>Not tried: the circuit is open after repeated failures.</summary>
    CircuitOpen = 7,

    /// <summary>Any other failure (connection refused, 4xx, an exception).</summary>
    Failed = 8,
}
