namespace Aisle.Cli.Bench;

/// <summary>One row of the benchmark: request paths cycled in order (relative to the base URL).</summary>
/// <param name="Saturated">Paths for the saturated run; a stream of never-seen queries is never cycled twice.</param>
/// <param name="Paced">Paths for the paced (fixed-rate) run: separate from <paramref name="Saturated"/>, so a stream of
/// unseen queries is still unseen there.</param>
/// <param name="Warmup">Paths sent before measuring (JIT tiering, connection pools, caches of repeated traffic).</param>
/// <param name="Stream">True when every path must be new to the server (no cache can have it): the three lists are
/// disjoint slices and a saturated run that would need more paths than it has is reported as wrapped.</param>
public sealed record BenchScenario(
    string Name, string Description, IReadOnlyList<string> Warmup, IReadOnlyList<string> Saturated, IReadOnlyList<string> Paced, bool Stream = false)
{
    public static BenchScenario Cycled(string name, string description, IReadOnlyList<string> paths) => new(name, description, paths, paths, paths);
}
