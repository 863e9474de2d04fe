using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>How every Aisle grain storage joins a silo, whatever its database.</summary>
internal static class GrainStorageRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TStorage"/> as the grain storage <paramref name="name"/> (keyed IGrainStorage,
    /// default-provider alias and lifecycle participation, the way Orleans' own providers do) and as the keyed
    /// <see cref="IGrainStateReader"/> (the replica's warm-up scan) and <see cref="IOutboxLog"/> of the same name.
    /// </summary>
    public static void Add<TStorage, TOptions>(IServiceCollection services, string name, Action<TOptions> configure)
        where TStorage : IGrainStorage, IGrainStateReader, IOutboxLog
        where TOptions : class, IStorageProviderSerializerOptions
    {
        // When the caller set no serializer, use Orleans' own binary codec rather than the silo-wide default
        // (Newtonsoft JSON): grain states are [GenerateSerializer] records holding immutable collections, which
        // that JSON serializer writes but cannot read back ("Cannot preserve reference to readonly dictionary").
        services.AddOptions<TOptions>(name)
            .Configure(configure)
            .PostConfigure<Serializer>((options, serializer) =>
                options.GrainStorageSerializer ??= new OrleansGrainStorageSerializer(serializer));
        services.AddGrainStorage(name, static (provider, storageName) =>
            ActivatorUtilities.CreateInstance<TStorage>(
                provider, storageName, provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(storageName)));
        services.AddKeyedSingleton<IGrainStateReader>(
            name, static (provider, key) => (IGrainStateReader)provider.GetRequiredKeyedService<IGrainStorage>(key));
        services.AddKeyedSingleton<IOutboxLog>(
            name, static (provider, key) => (IOutboxLog)provider.GetRequiredKeyedService<IGrainStorage>(key));
    }
}
