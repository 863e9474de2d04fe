using Aisle.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aisle.Silo.Health;

/// <summary>Ready once this silo's catalog replica and indexes are loaded: only then can it serve recommendations.</summary>
public sealed class ReplicaReadyHealthCheck(CatalogReplica replica) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(replica.Ready
            ? HealthCheckResult.Healthy($"{replica.Count} products loaded.")
            : HealthCheckResult.Unhealthy($"Catalog not ready: {replica.Stage}."));
}
