using Aisle.Experiments.Statistics;

namespace Aisle.Experiments;

/// <summary>What a growth team reads about one experiment: each variant's funnel and rates, each variant against the
/// control (fixed-horizon tests and the always-valid sequential test), the sample-ratio check and the history.</summary>
public sealed record ExperimentReport(
    string Name,
    ExperimentStatus Status,
    ExperimentSurface Surface,
    string Control,
    DateTimeOffset? FirstActivity,
    DateTimeOffset? LastActivity,
    IReadOnlyList<VariantReport> Variants,
    SampleRatioCheck SampleRatio,
    IReadOnlyList<ReportPoint> History);

/// <param name="ExpectedShare">Share of the experiment's shoppers the definition sends here (holdout included).</param>
/// <param name="Conversion">Conversion rate against the control: two-proportion z-test.</param>
/// <param name="ClickThrough">Click-through rate (clicks per list served) against the control: two-proportion z-test.</param>
/// <param name="RevenueTest">Revenue per shopper against the control: Welch's t-test.</param>
/// <param name="ConversionSequential">Conversion against the control by the mixture SPRT, combined over every look in
/// the history (running minimum p, running intersection of intervals), so it may be read at any time.</param>
/// <param name="RevenueSequential">Revenue per shopper against the control by the mixture SPRT, likewise.</param>
public sealed record VariantReport(
    string Name,
    bool IsControl,
    double ExpectedShare,
    VariantCounters Counters,
    double ClickThroughRate,
    double ConversionRate,
    double RevenuePerShopper,
    Comparison? Conversion,
    Comparison? ClickThrough,
    Comparison? RevenueTest,
    SequentialComparison? ConversionSequential,
    SequentialComparison? RevenueSequential);

/// <summary>One look: each variant's cumulative conversion rate, and each non-control variant's relative conversion lift
/// with its always-valid interval as of that look.</summary>
public sealed record ReportPoint(
    DateTimeOffset At,
    IReadOnlyDictionary<string, double> Conversion,
    IReadOnlyDictionary<string, LiftInterval> Lift);

public sealed record LiftInterval(double Lift, double Low, double High);
