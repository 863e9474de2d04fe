using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aisle.Learning;

/// <summary>Wires the learned model: its settings, the slot recommendations read, and (silos only) the sync that fills it.</summary>
public static class LearningRegistration
{
    /// <summary>The settings and the per-process <see cref="ModelSlot"/> (empty until a model is installed).</summary>
    public static IServiceCollection AddLearnedModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section));
        services.AddOptions<TrainingSettings>().Bind(configuration.GetSection(TrainingSettings.Section));
        services.AddSingleton<ModelSlot>();
        return services;
    }

    /// <summary>A silo polls the training grain for newer models (and, by polling, keeps it and its schedule alive).</summary>
    public static IServiceCollection AddModelSync(this IServiceCollection services)
    {
        services.AddSingleton<ModelSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelSync>());
        return services;
    }
}
