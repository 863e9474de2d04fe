using Aisle.Experiments;
using Aisle.Hosting;
using Aisle.Recommendations;
using Aisle.Storage;
using Orleans.Configuration;

namespace Aisle.Frontend.Hosting;

/// <summary>
/// How the frontend reaches grains, by <c>Aisle:Mode</c>: <c>Embedded</c> (default) co-hosts a silo in this process
/// (localhost clustering, SQLite, nothing to install); <c>Cluster</c> makes it an Orleans client of the silos that
/// share the PostgreSQL database of <c>ConnectionStrings:Aisle</c> (see docs/cluster.md).
/// </summary>
public static class OrleansHosting
{
    /// <summary>Configuration key <c>Aisle:Mode</c>: <c>Embedded</c> (default) or <c>Cluster</c>.</summary>
    public const string ModeKey = "Aisle:Mode";

    public static WebApplicationBuilder AddAisleOrleans(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration[ModeKey] ?? "Embedded";
        if (mode.Equals("Cluster", StringComparison.OrdinalIgnoreCase))
        {
            var cluster = PostgresClusterSettings.Require(builder.Configuration);
            // The deadline first (outermost), so it bounds the retries as well.
            builder.UseOrleansClient(client => client
                .UsePostgresClustering(cluster)
                .AddOutgoingGrainCallFilter<CallDeadlineFilter>()
                .AddOutgoingGrainCallFilter<RetryRejectedCallsFilter>()
                .AddClusterConnectionStatusObserver<GatewayConnectionsMetric>());
            // The APIs take the clock from DI; embedded, the co-hosted silo registers it, and routes experiments too.
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddExperimentRouting(builder.Configuration, client: true);
            builder.Services.AddSingleton<IListReader, GrainListReader>();
            return builder;
        }

        if (!mode.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ModeKey}='{mode}' is not supported: use Embedded (default) or Cluster.");
        }

        var siloPort = builder.Configuration.GetValue("Aisle:SiloPort", 11111);
        var gatewayPort = builder.Configuration.GetValue("Aisle:GatewayPort", 30000);
        // Orleans' directory cache allocates its table for the whole capacity up front (1,000,000 entries by default:
        // ~19 MB before the first grain). It holds one entry per activation, so the default capacity fits a cluster;
        // one silo with 10,000 active shoppers and their products needs ~30,000.
        var directoryCacheSize = builder.Configuration.GetValue("Aisle:DirectoryCacheSize", 100_000);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .Configure<GrainDirectoryOptions>(options => options.CacheSize = directoryCacheSize)
            .AddAisle(builder.Configuration));
        // The silo is in this process: lists are read from its replica directly, not through a grain call.
        builder.Services.AddSingleton<IListReader>(services => services.GetRequiredService<LocalListReader>());
        return builder;
    }

    /// <summary>Cluster mode: every request's grain calls share one time budget (<see cref="RequestDeadline"/>), so no
    /// request waits on a dead silo or an unreachable database for longer than that. Embedded mode has no silo to lose.</summary>
    public static WebApplication UseAisleOrleans(this WebApplication app)
    {
        if ((app.Configuration[ModeKey] ?? "Embedded").Equals("Cluster", StringComparison.OrdinalIgnoreCase))
        {
            app.UseRequestDeadline();
        }

        return app;
    }
}
