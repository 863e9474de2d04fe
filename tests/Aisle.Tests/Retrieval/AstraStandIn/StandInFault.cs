namespace Aisle.Tests.Retrieval.AstraStandIn;

/// <summary>Something the stand-in does to the next matching request instead of (or before) answering it.</summary>
/// <param name="Command">The command it applies to (<c>find</c>, <c>insertMany</c>…), or null for any.</param>
/// <param name="Status">An HTTP status to answer with instead (429, 503…), or null.</param>
/// <param name="Delay">A wait before answering (past the client's timeout, for timeout tests).</param>
/// <param name="ErrorCode">An <c>errors</c> entry to answer with, in an HTTP 200, instead of running the command.</param>
/// <param name="FailIds">For <c>insertMany</c>: these documents fail (a partial failure); the others are inserted.</param>
public sealed record StandInFault(
    string? Command = null,
    int? Status = null,
    TimeSpan? Delay = null,
    string? ErrorCode = null,
    IReadOnlySet<string>? FailIds = null);
