using Aisle.Ranking;

namespace Aisle.Cli.Evaluation;

/// <summary>
/// The hybrid's ranking weights that tuning may change, each with the values it tries. Grain-side options (the
/// co-interaction window) are not tuned: changing them needs a new replay.
/// </summary>
public static class HybridTuning
{
    public sealed record Parameter(string Name, double[] Values, Func<EvaluationRanking, double> Get, Action<EvaluationRanking, double> Set);

    public static readonly IReadOnlyList<Parameter> Parameters =
    [
        new("PopularityDamping", [0, 0.05, 0.15, 0.3], o => o.Options.PopularityDamping, (o, v) => o.Options.PopularityDamping = v),
        new("RecencyDecay", [0.4, 0.6, 0.8], o => o.Options.RecencyDecay, (o, v) => o.Options.RecencyDecay = v),
        new("RecentAnchors", [1, 2, 3, 5], o => o.Options.RecentAnchors, (o, v) => o.Options.RecentAnchors = (int)v),
        new("TransitionWeight", [0, 1, 3, 5, 8], o => o.Options.TransitionWeight, (o, v) => o.Options.TransitionWeight = v),
        new("ContentWeight", [0, 0.3, 0.6, 1.0], o => o.Options.ContentWeight, (o, v) => o.Options.ContentWeight = v),
        new("Taste", [0, 0.15, 0.3, 0.6], o => o.Profile.Taste, (o, v) => o.Profile = o.Profile with { Taste = v }),
        new("Popularity", [0, 0.05, 0.1, 0.2], o => o.Profile.Popularity, (o, v) => o.Profile = o.Profile with { Popularity = v }),
        new("PopularFill", [0, 0.05, 0.2], o => o.Options.PopularFill, (o, v) => o.Options.PopularFill = v),
        new("ModelTemperature", [1, 2, 4, 8, 16], o => o.Options.ModelTemperature, (o, v) => o.Options.ModelTemperature = v),
        new("ModelWeight", [0, 0.25, 0.5, 1, 2], o => o.Options.ModelWeight, (o, v) => o.Options.ModelWeight = v),
    ];

    /// <summary>
    /// Coordinate ascent: for each parameter in turn, keep the value with the best objective on the validation item,
    /// all else fixed. One sweep; <paramref name="measure"/> is only ever asked about validation figures.
    /// </summary>
    public static async Task<EvaluationRanking> TuneAsync(EvaluationRanking start, Func<EvaluationRanking, Task<StrategyMetrics>> measure, Action<string>? log = null)
    {
        var best = start.Clone();
        var bestScore = (await measure(best)).Objective;
        foreach (var parameter in Parameters)
        {
            foreach (var value in parameter.Values)
            {
                if (value.Equals(parameter.Get(best)))
                {
                    continue;
                }

                var trial = best.Clone();
                parameter.Set(trial, value);
                var score = (await measure(trial)).Objective;
                if (score > bestScore)
                {
                    best = trial;
                    bestScore = score;
                }
            }

            log?.Invoke($"{parameter.Name} = {parameter.Get(best)} (validation HR@10 + NDCG@10 = {bestScore:0.0000})");
        }

        return best;
    }

    /// <summary>Copies the tuned values into <paramref name="target"/> (the live options the grains read, and the profile
    /// the run asks the grains with).</summary>
    public static void Apply(EvaluationRanking tuned, EvaluationRanking target)
    {
        foreach (var parameter in Parameters)
        {
            parameter.Set(target, parameter.Get(tuned));
        }
    }

    public static IReadOnlyList<(string Name, string Value)> Describe(EvaluationRanking options) =>
        Parameters.Select(p => (p.Name, p.Get(options).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
}
