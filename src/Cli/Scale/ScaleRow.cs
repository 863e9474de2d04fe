namespace Aisle.Cli.Scale;

/// <summary>One line of the growth table: an index at a catalog size, its cost and how it answers both query sets.</summary>
public sealed record ScaleRow(
    int Products,
    string Index,
    double BuildSeconds,
    long IndexBytes,
    long ProcessRssBytes,
    ScaleLatency Unfiltered,
    ScaleLatency Filtered);

/// <summary>
/// Single-threaded latencies of one query set — CPU time of the searching thread per query (what a core spends) and
/// wall time (which on a shared machine adds waiting for a core) — queries per second per core (from the CPU time) and
/// recall@k against the exact index (1 for the exact index itself): by
/// id, and counting a hit whose float cosine ties the exact k-th score as found (duplicate products share a vector, and
/// which of them fills the last places is arbitrary).
/// </summary>
public sealed record ScaleLatency(
    double CpuP50Milliseconds,
    double CpuP99Milliseconds,
    double WallP50Milliseconds,
    double WallP99Milliseconds,
    double QueriesPerSecond,
    double Recall,
    double RecallWithTies);
