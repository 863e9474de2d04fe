namespace Aisle.Experiments;

/// <summary>
/// An experiment as written in configuration (<c>Aisle:Experiments</c>, a list) and sent to the admin API: loose
/// strings and optional numbers, turned into an <see cref="ExperimentDefinition"/> by <see cref="ExperimentValidator"/>,
/// which names every field it refuses.
/// </summary>
public sealed class ExperimentSpec
{
    public const string Section = "Aisle:Experiments";

    /// <summary>Required: 1–40 of <c>a-z 0-9 -</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Default: the name. Changing it reshuffles shoppers between variants.</summary>
    public string? Salt { get; set; }

    /// <summary><c>draft</c> (default), <c>running</c> or <c>stopped</c>.</summary>
    public string? Status { get; set; }

    /// <summary><c>all</c> (default), <c>search</c>, <c>recommendations</c> or <c>similar</c>.</summary>
    public string? Surface { get; set; }

    /// <summary>Percent of shoppers kept on the default ranking and reported apart (0–50, default 0).</summary>
    public double? HoldoutPercent { get; set; }

    /// <summary>How long after a list is served its clicks and purchases count for its variant (default 1 day).</summary>
    public TimeSpan? AttributionWindow { get; set; }

    /// <summary>Two or more; the first is the control.</summary>
    public List<VariantSpec>? Variants { get; set; }
}

public sealed class VariantSpec
{
    /// <summary>Required: 1–40 of <c>a-z 0-9 - _</c>, unique in the experiment, not "holdout".</summary>
    public string? Name { get; set; }

    /// <summary>Percent of the experiment's traffic; the variants sum to 100.</summary>
    public double? Weight { get; set; }

    /// <summary><c>hybrid</c> (personalized, default) or <c>popular</c> (no personalization), or one of the single-signal
    /// strategies (<c>coInteraction</c>, <c>sequential</c>, <c>content</c>).</summary>
    public string? Strategy { get; set; }

    /// <summary>Score weights replacing the defaults (<c>Aisle:Ranking</c>), e.g. <c>{ "popularity": 1 }</c>.</summary>
    public Dictionary<string, double>? Weights { get; set; }
}
