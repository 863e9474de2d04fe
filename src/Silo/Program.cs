using Aisle.Hosting;
using Prometheus;

// A silo without the public API: the shape a cluster scales out. The embedded default needs none of this
// (src/Frontend co-hosts a silo); cluster membership on PostgreSQL is configured here as it arrives.
var builder = WebApplication.CreateBuilder(args);

builder.UseOrleans(silo => silo
    .UseLocalhostClustering(
        builder.Configuration.GetValue("Aisle:SiloPort", 11111),
        builder.Configuration.GetValue("Aisle:GatewayPort", 30000))
    .AddAisle(builder.Configuration));
builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapHealthChecks("/health/live");
app.MapMetrics("/metrics");

app.Run();
