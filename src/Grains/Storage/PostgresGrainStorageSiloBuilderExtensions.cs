using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>Adds <see cref="PostgresGrainStorage"/> to a silo.</summary>
public static class PostgresGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL grain storage named <paramref name="name"/>, also resolvable as the keyed
    /// <see cref="IGrainStateReader"/> <paramref name="name"/> for the replica's warm-up scan.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(
        this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        var services = builder.Services;
        // Orleans' binary codec, as for SQLite: the silo-wide JSON default cannot read back immutable collections.
        services.AddOptions<PostgresGrainStorageOptions>(name)
            .Configure(configure)
            .PostConfigure<Serializer>((options, serializer) =>
                options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(serializer));
        services.AddGrainStorage(name, Create);
        services.AddKeyedSingleton<IGrainStateReader>(
            name, static (provider, key) => (IGrainStateReader)provider.GetRequiredKeyedService<IGrainStorage>(key));
        return builder;
    }

    private static PostgresGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<PostgresGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name));
}
