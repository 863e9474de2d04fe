using System.Net;
using Microsoft.Extensions.Configuration;

namespace Aisle.Storage;

/// <summary>
/// How a silo or a cluster-mode frontend finds the PostgreSQL cluster, read from configuration. The key names are
/// fixed: docker-compose and the Helm chart set them as environment variables (<c>__</c> for <c>:</c>).
/// </summary>
/// <param name="ConnectionString"><c>ConnectionStrings:Aisle</c>: Npgsql connection string (membership and grain state).</param>
/// <param name="ClusterId"><c>Aisle:Cluster:ClusterId</c>, default <c>aisle</c>: silos with the same id form one cluster.</param>
/// <param name="ServiceId"><c>Aisle:Cluster:ServiceId</c>, default <c>aisle</c>: stable across deployments (keys state).</param>
/// <param name="ApplySchema"><c>Aisle:Cluster:ApplySchema</c>, default true: the silo applies the schema scripts at start.</param>
/// <param name="Kubernetes"><c>Aisle:Cluster:Kubernetes</c>, default false: the silo calls <c>UseKubernetesHosting()</c>.</param>
/// <param name="SiloPort"><c>Aisle:SiloPort</c>, default 11111: silo-to-silo port.</param>
/// <param name="GatewayPort"><c>Aisle:GatewayPort</c>, default 30000: port clients (frontends) connect to.</param>
/// <param name="AdvertisedAddress"><c>Aisle:AdvertisedAddress</c>, default 127.0.0.1: the address other silos and
/// clients reach this silo at (Kubernetes hosting replaces it with the pod's address).</param>
public sealed record PostgresClusterSettings(
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    bool ApplySchema,
    bool Kubernetes,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedAddress)
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Aisle</c>, environment <c>ConnectionStrings__Aisle</c>.</summary>
    public const string ConnectionStringName = "Aisle";

    /// <summary>The PostgreSQL invariant Orleans' ADO.NET providers know Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The settings, or null when no connection string is configured.</summary>
    public static PostgresClusterSettings? From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var cluster = configuration.GetSection("Aisle:Cluster");
        var advertised = configuration["Aisle:AdvertisedAddress"];
        return new PostgresClusterSettings(
            connectionString,
            cluster["ClusterId"] is { Length: > 0 } clusterId ? clusterId : "aisle",
            cluster["ServiceId"] is { Length: > 0 } serviceId ? serviceId : "aisle",
            cluster.GetValue("ApplySchema", true),
            cluster.GetValue("Kubernetes", false),
            configuration.GetValue("Aisle:SiloPort", 11111),
            configuration.GetValue("Aisle:GatewayPort", 30000),
            string.IsNullOrWhiteSpace(advertised) ? IPAddress.Loopback : IPAddress.Parse(advertised));
    }

    /// <summary>Like <see cref="From"/>, but a missing connection string is an error naming the key to set.</summary>
    public static PostgresClusterSettings Require(IConfiguration configuration) => From(configuration)
        ?? throw new InvalidOperationException(
            $"Cluster mode needs a PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} " +
            $"(environment ConnectionStrings__{ConnectionStringName}).");
}
