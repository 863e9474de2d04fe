using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Aisle.Storage;

/// <summary>
/// Orleans cluster membership in PostgreSQL (Microsoft.Orleans.Clustering.AdoNet, invariant Npgsql), for silos and
/// for frontends that are clients of the cluster. The tables and queries come from the silo's schema scripts.
/// </summary>
public static class PostgresClustering
{
    /// <summary>
    /// Failure detection tuned for a small cluster that must answer again within seconds of losing a silo: probes
    /// every second, declared dead after 3 missed probes (one vote is enough: with two silos only one can vote).
    /// </summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Silo-to-silo calls give up after 10 s instead of Orleans' default 30 s.</summary>
    private static readonly TimeSpan SiloResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A frontend's call gives up after 15 s instead of 30 s: a request a gateway forwarded to a silo that then died
    /// gets no answer at all, and the shopper should get an error to retry sooner. Not much lower: a burst of
    /// 10,000 purchases of one product queues on its grain for several seconds on two cores.
    /// </summary>
    private static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(15);

    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, PostgresClusterSettings settings)
    {
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresClusterSettings.Invariant;
            options.ConnectionString = settings.ConnectionString;
        });
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        // Listen where we advertise on loopback (a laptop, the tests); behind any other address (a container), on all.
        silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort,
            listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedAddress));
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = ProbeTimeout;
            options.NumMissedProbesLimit = 3;
            options.NumVotesForDeathDeclaration = 1;
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = SiloResponseTimeout);
        // Random placement spreads shoppers evenly over the silos. Resource-optimised placement judges silos by
        // statistics refreshed every few seconds, so a burst of new shoppers lands on whichever silo looked idle last
        // (seen in the tests: 60 new shoppers, all on one silo) — and one silo then carries all of them.
        silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        return silo;
    }

    public static IClientBuilder UsePostgresClustering(this IClientBuilder client, PostgresClusterSettings settings)
    {
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresClusterSettings.Invariant;
            options.ConnectionString = settings.ConnectionString;
        });
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        // Refresh the gateway list often, so a dead silo's gateway is dropped (and a new one found) within seconds.
        client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = ClientResponseTimeout);
        return client;
    }
}
