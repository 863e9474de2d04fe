using Aisle.Ranking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aisle.Experiments;

public static class ExperimentsRegistration
{
    /// <summary>
    /// What routes lists between variants in this process (every silo, and a cluster frontend): the default ranking
    /// profile (<c>Aisle:Ranking</c>), configuration's experiments (<c>Aisle:Experiments</c>, refused at start when
    /// invalid) and the poll that keeps saved definitions current.
    /// </summary>
    /// <param name="client">A cluster frontend: it routes by what the silos hold (their configuration's experiments or
    /// the saved ones), never by its own configuration, so frontends and silos cannot disagree; until its first poll
    /// answers it serves the defaults.</param>
    public static IServiceCollection AddExperimentRouting(this IServiceCollection services, IConfiguration configuration, bool client = false)
    {
        var defaults = configuration.GetSection(RankingOptions.Section).Get<RankingProfile>() ?? RankingProfile.Default;
        services.AddSingleton(defaults);
        services.AddSingleton(client ? ExperimentRouter.Unsynchronized(defaults) : new ExperimentRouter(Configured(configuration), defaults));
        services.AddSingleton<ExperimentsSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ExperimentsSync>());
        return services;
    }

    /// <summary>Configuration's experiments, validated.</summary>
    /// <exception cref="InvalidOperationException">An invalid definition, naming each field at fault.</exception>
    public static IReadOnlyList<ExperimentDefinition> Configured(IConfiguration configuration)
    {
        var specs = configuration.GetSection(ExperimentSpec.Section).Get<List<ExperimentSpec>>(o => o.ErrorOnUnknownConfiguration = true) ?? [];
        var errors = new Dictionary<string, List<string>>();
        return ExperimentValidator.ValidateSet(specs, errors, ExperimentSpec.Section) ?? throw new InvalidOperationException(
            "Invalid experiments in configuration: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }
}
