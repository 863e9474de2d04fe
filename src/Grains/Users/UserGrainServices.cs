using Aisle.Experiments;
using Aisle.Products;
using Aisle.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aisle.Users;

/// <summary>What every host that runs user grains needs beside the catalog replica: the per-silo sums of what shoppers
/// teach products (<see cref="ProductActivityBuffer"/>, with <see cref="ActivityRecovery"/> for what a dead silo left in
/// the outbox) and experiment variants (<see cref="ExperimentActivityBuffer"/>).
/// One registration, so a host (a silo, a test cluster, the offline evaluation) cannot take one and miss the other.</summary>
public static class UserGrainServices
{
    /// <summary>Hosts without <see cref="ExperimentsRegistration.AddExperimentRouting"/> (tests, the offline evaluation)
    /// get a router with no experiments.</summary>
    public static IServiceCollection AddUserGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => new ExperimentRouter([], RankingProfile.Default));
        services.AddOptions<ActivityOutboxOptions>().BindConfiguration(ActivityOutboxOptions.Section);
        services.AddSingleton<ProductActivityBuffer>();
        services.AddHostedService(sp => sp.GetRequiredService<ProductActivityBuffer>());
        services.AddSingleton<ActivityRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityRecovery>());
        services.AddSingleton<ExperimentActivityBuffer>();
        services.AddHostedService(sp => sp.GetRequiredService<ExperimentActivityBuffer>());
        return services;
    }
}
