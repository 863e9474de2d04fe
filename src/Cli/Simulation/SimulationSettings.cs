namespace Aisle.Cli.Simulation;

/// <summary>One simulate run, as the command line gave it.</summary>
/// <param name="Url">The Aisle to load (loopback only, see <see cref="LoopbackUrl"/>).</param>
/// <param name="Repeat">How many distinct shoppers replay each real customer.</param>
/// <param name="MaxRate">Requests per second, at most, over everything the simulator sends.</param>
/// <param name="Duration">Longest replay of each experiment; shoppers still walking then are cut short.</param>
/// <param name="WarmupShare">Share of customers replayed first as plain events (not shoppers).</param>
public sealed record SimulationSettings(
    Uri Url,
    string? ApiKey,
    string DataFile,
    int Repeat,
    double MaxRate,
    TimeSpan Duration,
    int Concurrency,
    int Seed,
    bool AaTest,
    double WarmupShare,
    ShopperBehaviour Behaviour)
{
    /// <summary>Items asked for per list, and how deep a search result is looked at.</summary>
    public const int ListSize = 10;

    /// <summary>What a product is restocked to at least before the run.</summary>
    public const int MinimumStock = 1_000_000;

    /// <summary>The most the admin API accepts.</summary>
    public const int MaximumStock = 10_000_000;
}
