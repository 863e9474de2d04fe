using Aisle.Ranking;

namespace Aisle.Experiments;

/// <summary>
/// This process's copy of the experiment definitions (kept current by <see cref="ExperimentsSync"/>) and the choice
/// made for every list: which ranking profile serves a shopper on a surface, and which exposure that is.
/// </summary>
public sealed class ExperimentRouter
{
    private volatile ExperimentSet _current;

    /// <param name="configured">Configuration's experiments (<c>Aisle:Experiments</c>), already validated.</param>
    /// <param name="defaults">The default ranking profile (<c>Aisle:Ranking</c>), which variants change.</param>
    public ExperimentRouter(IReadOnlyList<ExperimentDefinition> configured, RankingProfile defaults)
    {
        Configured = configured;
        Defaults = defaults;
        _current = new ExperimentSet(0, configured);
    }

    /// <summary>A router that holds no definitions yet and a version no grain has, so its first poll installs the set.</summary>
    public static ExperimentRouter Unsynchronized(RankingProfile defaults)
    {
        var router = new ExperimentRouter([], defaults);
        router.Set(new ExperimentSet(-1, []));
        return router;
    }

    public IReadOnlyList<ExperimentDefinition> Configured { get; }

    public RankingProfile Defaults { get; }

    public ExperimentSet Current => _current;

    public void Set(ExperimentSet set) => _current = set;

    /// <summary>The running experiment on <paramref name="surface"/>, if any (the validator allows one per surface).</summary>
    public ExperimentDefinition? RunningOn(ExperimentSurface surface)
    {
        foreach (var experiment in _current.Definitions)
        {
            if (experiment.Status == ExperimentStatus.Running && experiment.Covers(surface))
            {
                return experiment;
            }
        }

        return null;
    }

    /// <summary>The profile to rank a shopper's list with, and the exposure to record; anonymous lists (no shopper)
    /// and surfaces without a running experiment get the defaults and no exposure.</summary>
    public (RankingProfile Profile, Exposure? Exposure) Route(ExperimentSurface surface, string? shopperId)
    {
        if (shopperId is null || RunningOn(surface) is not { } experiment)
        {
            return (Defaults, null);
        }

        var name = ExperimentAssignment.Assign(experiment, shopperId);
        var variant = experiment.Variants.FirstOrDefault(v => v.Name == name);
        var profile = variant is null ? Defaults : ProfileOf(variant);
        return (profile, new Exposure(experiment.Name, name));
    }

    /// <summary>The default profile with a variant's strategy and weights.</summary>
    public RankingProfile ProfileOf(ExperimentVariant variant)
    {
        var profile = Defaults.With(variant.Weights);
        return variant.Strategy is { } strategy ? profile with { Strategy = strategy } : profile;
    }
}
