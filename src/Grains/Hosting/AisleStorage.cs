namespace Aisle.Hosting;

/// <summary>Name of the grain storage provider every Aisle grain persists to (SQLite embedded, PostgreSQL in a cluster).</summary>
public static class AisleStorage
{
    public const string Name = "aisle";
}
