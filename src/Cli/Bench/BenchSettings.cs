namespace Aisle.Cli.Bench;

/// <summary>What <c>aisle bench</c> was asked to do.</summary>
/// <param name="Connections">wrk's keep-alive connections during saturated runs.</param>
/// <param name="Threads">wrk's threads: one leaves the most CPU to the server on a small machine.</param>
/// <param name="Rate">Requests per second of the paced runs.</param>
/// <param name="Shoppers">Benchmark shoppers seeded with history.</param>
/// <param name="Unseen">Never-seen queries generated (at least enough for the warm-up, a saturated run and the paced run).</param>
public sealed record BenchSettings(
    Uri BaseUrl, TimeSpan Duration, TimeSpan Warmup, int Connections, int Threads, double Rate, int Shoppers, int Unseen, int Seed,
    IReadOnlySet<string>? Only, FileInfo? Markdown);
