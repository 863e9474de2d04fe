namespace Aisle.Experiments;

/// <summary>
/// The durable, cluster-wide totals of one experiment (key: experiment name): silos sum what their shoppers did per
/// variant for a second and add it here in one call, so no request waits on this grain.
/// </summary>
public interface IExperimentStatsGrain : IGrainWithStringKey
{
    Task AddAsync(IReadOnlyList<VariantDelta> deltas, DateTimeOffset at);

    Task<ExperimentTotals> GetAsync();
}

/// <summary>Per-variant sums. Revenue per shopper is summarised by its first two moments (Σx, Σx²) so the report can
/// run a t-test without per-shopper rows; a shopper's revenue change from r to r + x adds (r + x)² − r² to Σx².</summary>
[GenerateSerializer, Immutable]
public sealed record VariantCounters(
    [property: Id(0)] long Shoppers,
    [property: Id(1)] long Impressions,
    [property: Id(2)] long Clicks,
    [property: Id(3)] long AddToCarts,
    [property: Id(4)] long Purchases,
    [property: Id(5)] long Converters,
    [property: Id(6)] double Revenue,
    [property: Id(7)] double RevenueSquares)
{
    public static VariantCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public VariantCounters Plus(VariantCounters o) => new(
        Shoppers + o.Shoppers, Impressions + o.Impressions, Clicks + o.Clicks, AddToCarts + o.AddToCarts,
        Purchases + o.Purchases, Converters + o.Converters, Revenue + o.Revenue, RevenueSquares + o.RevenueSquares);
}

/// <summary>What one variant's shoppers added since the last delivery.</summary>
[GenerateSerializer, Immutable]
public sealed record VariantDelta(
    [property: Id(0)] string Variant,
    [property: Id(1)] VariantCounters Counters);

/// <summary>An experiment's totals now and as they stood over time (cumulative, oldest first), for the report's chart.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentTotals(
    [property: Id(0)] IReadOnlyDictionary<string, VariantCounters> Variants,
    [property: Id(1)] IReadOnlyList<TotalsPoint> History,
    [property: Id(2)] DateTimeOffset? FirstActivity,
    [property: Id(3)] DateTimeOffset? LastActivity);

[GenerateSerializer, Immutable]
public sealed record TotalsPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] IReadOnlyDictionary<string, VariantCounters> Variants);
