using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>Adds <see cref="SqliteGrainStorage"/> to a silo.</summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds a SQLite grain storage named <paramref name="name"/> (the storage name in <c>[PersistentState]</c>).
    /// It is also resolvable as the keyed <see cref="IGrainStateReader"/> <paramref name="name"/> for warm-up scans.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        var services = builder.Services;
        // When the caller set no serializer, use Orleans' own binary codec rather than the silo-wide default
        // (Newtonsoft JSON): grain states are [GenerateSerializer] records holding immutable collections, which
        // that JSON serializer writes but cannot read back ("Cannot preserve reference to readonly dictionary").
        services.AddOptions<SqliteGrainStorageOptions>(name)
            .Configure(configure)
            .PostConfigure<Serializer>((options, serializer) =>
                options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(serializer));
        // Keyed IGrainStorage, default-provider alias and lifecycle participation, the way Orleans' own providers do.
        services.AddGrainStorage(name, Create);
        services.AddKeyedSingleton<IGrainStateReader>(
            name, static (provider, key) => (IGrainStateReader)provider.GetRequiredKeyedService<IGrainStorage>(key));
        return builder;
    }

    /// <summary>Adds a SQLite grain storage as the default storage (grains whose state names no storage).</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    private static SqliteGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name));
}
