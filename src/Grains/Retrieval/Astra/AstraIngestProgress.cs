namespace Aisle.Retrieval.Astra;

/// <summary>How far an ingest is: products checked of the total, and of those, how many were written or already current.</summary>
public sealed record AstraIngestProgress(int Total, int Checked, int Written, int Unchanged);
