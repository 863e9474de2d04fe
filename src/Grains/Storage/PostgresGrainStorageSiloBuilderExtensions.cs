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
        GrainStorageRegistration.Add<PostgresGrainStorage, PostgresGrainStorageOptions>(builder.Services, name, configure);
        return builder;
    }
}
