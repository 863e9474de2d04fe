namespace Aisle.Retrieval.Astra;

/// <summary>
/// A Data API command answered, but with errors: the API reports a bad command, a missing collection or a document it
/// could not write in an <c>errors</c> array inside an HTTP 200, not as an HTTP error status.
/// </summary>
public sealed class DataApiException(string command, IReadOnlyList<DataApiError> errors)
    : Exception($"AstraDB Data API {command} failed: " + string.Join("; ", errors.Select(e => $"{e.ErrorCode ?? "ERROR"}: {e.Message}")))
{
    public string Command { get; } = command;

    public IReadOnlyList<DataApiError> Errors { get; } = errors;
}
