namespace Aisle.Recommendations;

/// <summary>
/// The remote vector store did not answer in time or at all (timeouts, 429 and 5xx after the retries, a refused
/// connection). Search answers from its other sources without it; anything else that needs it answers 503 with a
/// Retry-After, never a 500.
/// </summary>
[GenerateSerializer]
public sealed class VectorStoreUnavailableException : Exception
{
    public VectorStoreUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
