namespace Aisle.Cli.Bench;

/// <summary>One scenario's figures.</summary>
/// <param name="CpuMicrosecondsPerRequest">Server CPU over the saturated run divided by its requests; null when the
/// server exports no process CPU.</param>
/// <param name="Wrapped">A stream needed more paths than it had, so some were sent twice (and could hit a cache).</param>
public sealed record BenchRow(
    BenchScenario Scenario, SaturatedResult Saturated, PacedResult Paced, double? CpuMicrosecondsPerRequest, bool Wrapped = false);
