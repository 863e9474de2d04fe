namespace Aisle.Retrieval.Astra;

/// <summary>One entry of a Data API response's <c>errors</c> array (sent with HTTP 200).</summary>
public sealed record DataApiError(string? ErrorCode, string Message);
