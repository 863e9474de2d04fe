using Aisle.Hosting;
using Aisle.Silo.Health;
using Aisle.Silo.Hosting;
using Aisle.Silo.Schema;
using Aisle.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prometheus;

// An Aisle silo without the public API: the unit a cluster scales out. Configuration (docs/cluster.md):
// ConnectionStrings:Aisle (PostgreSQL; without it the silo runs alone on localhost clustering and SQLite),
// Aisle:Cluster:* (cluster id, service id, ApplySchema, Kubernetes), Aisle:SiloPort, Aisle:GatewayPort,
// Aisle:AdvertisedAddress; health and metrics on ASPNETCORE_URLS.
//
//   dotnet run --project src/Silo                    run a silo
//   dotnet run --project src/Silo -- schema apply    apply the PostgreSQL schema scripts and exit
// Content root = the silo's folder, so its appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var cluster = PostgresClusterSettings.From(builder.Configuration);

if (args is ["schema", "apply", ..])
{
    var settings = PostgresClusterSettings.Require(builder.Configuration);
    await PostgresSchema.ApplyAsync(settings.ConnectionString, Console.Out);
    return;
}

if (cluster is { ApplySchema: true })
{
    // Before Orleans starts: membership itself lives in these tables.
    await PostgresSchema.ApplyAsync(cluster.ConnectionString, Console.Out);
}

builder.UseOrleans(silo =>
{
    if (cluster is null)
    {
        silo.UseLocalhostClustering(
            builder.Configuration.GetValue("Aisle:SiloPort", 11111),
            builder.Configuration.GetValue("Aisle:GatewayPort", 30000));
    }
    else
    {
        silo.UsePostgresClustering(cluster);
        if (cluster.Kubernetes)
        {
            // Pod name, address and namespace from the environment; silos of deleted pods are declared dead.
            silo.UseKubernetesHosting();
        }
    }

    silo.AddAisle(builder.Configuration);
    if (cluster is not null)
    {
        // Join only with the catalog loaded, so no grain is placed on a silo that cannot serve it yet.
        JoinWhenCatalogReady.Add(silo.Services);
        // Leave without stalling shoppers: move their grains to the other silos before Orleans' shutdown.
        HandOverOnShutdown.Add(silo.Services);
    }
});
// One instance, so it logs readiness changes rather than every poll (which the health check service would log at Error).
builder.Services.AddSingleton<ReplicaReadyHealthCheck>();
builder.Services.AddHealthChecks().AddCheck<ReplicaReadyHealthCheck>("catalog", tags: ["ready"]);
builder.Logging.AddFilter(ReadinessLog.HealthCheckServiceCategory, LogLevel.Critical);

var app = builder.Build();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapMetrics("/metrics");

app.Run();
