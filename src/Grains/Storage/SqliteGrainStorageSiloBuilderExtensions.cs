using Orleans.Providers;

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
        GrainStorageRegistration.Add<SqliteGrainStorage, SqliteGrainStorageOptions>(builder.Services, name, configure);
        return builder;
    }

    /// <summary>Adds a SQLite grain storage as the default storage (grains whose state names no storage).</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);
}
