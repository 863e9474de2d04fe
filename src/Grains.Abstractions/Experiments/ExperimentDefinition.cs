using Aisle.Ranking;

namespace Aisle.Experiments;

/// <summary>
/// An A/B experiment: shoppers are split between <see cref="Variants"/> by a hash of (<see cref="Salt"/>, shopper id),
/// so the same shopper lands in the same variant on every silo and after restarts with no per-shopper state. The
/// first variant is the control the others are compared with.
/// </summary>
/// <param name="Name">Key of the experiment: 1–40 of <c>a-z 0-9 -</c>.</param>
/// <param name="Salt">Mixed into the assignment hash; a new salt reshuffles shoppers (a new experiment on old traffic).</param>
/// <param name="Surface">Which lists the experiment ranks.</param>
/// <param name="HoldoutPercent">Share of shoppers (0–50 %) served the default ranking and counted apart as "holdout".</param>
/// <param name="AttributionWindow">How long after a list was served a click, add to cart or purchase that carries its
/// request id still counts for the variant that served it.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Salt,
    [property: Id(2)] ExperimentStatus Status,
    [property: Id(3)] ExperimentSurface Surface,
    [property: Id(4)] IReadOnlyList<ExperimentVariant> Variants,
    [property: Id(5)] double HoldoutPercent,
    [property: Id(6)] TimeSpan AttributionWindow)
{
    /// <summary>The name the holdout group is reported under.</summary>
    public const string Holdout = "holdout";

    public static readonly TimeSpan DefaultAttributionWindow = TimeSpan.FromDays(1);

    /// <summary>Whether this experiment ranks lists of <paramref name="surface"/>.</summary>
    public bool Covers(ExperimentSurface surface) => Surface == ExperimentSurface.All || Surface == surface;
}

/// <param name="Weight">Share of the experiment's (non-holdout) traffic, in percent; the variants sum to 100.</param>
/// <param name="Strategy">Ranking strategy; the default profile's when null.</param>
/// <param name="Weights">Score weights replacing the default profile's, by <see cref="RankingProfile.WeightNames"/>.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentVariant(
    [property: Id(0)] string Name,
    [property: Id(1)] double Weight,
    [property: Id(2)] RecommendationStrategy? Strategy,
    [property: Id(3)] IReadOnlyDictionary<string, double> Weights);

public enum ExperimentStatus
{
    /// <summary>Defined, not served: nobody is assigned.</summary>
    Draft,

    /// <summary>Shoppers are assigned and their lists ranked by their variant; events are attributed.</summary>
    Running,

    /// <summary>Finished: lists use the default ranking again; the report stays readable.</summary>
    Stopped,
}

public enum ExperimentSurface
{
    All,
    Search,
    Recommendations,
    Similar,
}
