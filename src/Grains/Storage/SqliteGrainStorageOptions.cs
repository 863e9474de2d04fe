using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>Options of one named <see cref="SqliteGrainStorage"/> provider.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Path of the SQLite database file; its directory is created at startup when missing.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>
    /// Serializer for the state payload. Left null, Orleans fills it with the silo's default
    /// <see cref="IGrainStorageSerializer"/> (see <c>DefaultStorageProviderSerializerOptionsConfigurator</c>).
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
