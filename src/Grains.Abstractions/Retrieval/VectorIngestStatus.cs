namespace Aisle.Retrieval;

/// <summary>Where the vector store ingest stands: <see cref="State"/> is <c>idle</c>, <c>running</c>, <c>completed</c>,
/// <c>failed</c> or <c>not-configured</c> (the embedded store has nothing to ingest).</summary>
[GenerateSerializer, Immutable]
public sealed record VectorIngestStatus(
    [property: Id(0)] string State,
    [property: Id(1)] int Total,
    [property: Id(2)] int Checked,
    [property: Id(3)] int Written,
    [property: Id(4)] int Unchanged,
    [property: Id(5)] string? Error,
    [property: Id(6)] DateTimeOffset? StartedAt,
    [property: Id(7)] DateTimeOffset? FinishedAt)
{
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string NotConfigured = "not-configured";
}
