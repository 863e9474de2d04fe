using Aisle.Catalog;
using Aisle.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aisle.Silo.Health;

/// <summary>Ready once this silo's catalog replica and indexes are loaded: only then can it serve recommendations.
/// A singleton, so readiness changes are logged once each (<see cref="ReadinessLog"/>).</summary>
public sealed class ReplicaReadyHealthCheck(CatalogReplica replica, ILogger<ReplicaReadyHealthCheck> logger) : IHealthCheck
{
    private readonly ReadinessLog _log = new(logger);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_log.Report(replica.Ready
            ? HealthCheckResult.Healthy($"{replica.Count} products loaded.")
            : HealthCheckResult.Unhealthy($"Catalog not ready: {replica.Stage}.")));
}
