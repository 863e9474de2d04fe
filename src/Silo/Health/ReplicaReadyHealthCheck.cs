using Aisle.Catalog;
using Aisle.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aisle.Silo.Health;

/// <summary>Ready once this silo's catalog replica and indexes are loaded and the silo is an active member of the
/// cluster: only then can it serve recommendations and take grains. Being a member matters to a rolling upgrade, which
/// stops the next old silo as soon as the new one reports ready (a cluster silo joins only after its catalog loaded, a
/// second or two later). A singleton, so readiness changes are logged once each (<see cref="ReadinessLog"/>).</summary>
public sealed class ReplicaReadyHealthCheck(
    CatalogReplica replica,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    ILogger<ReplicaReadyHealthCheck> logger) : IHealthCheck
{
    private readonly ReadinessLog _log = new(logger);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(_log.Report(
            !replica.Ready ? HealthCheckResult.Unhealthy($"Catalog not ready: {replica.Stage}.")
            : status != SiloStatus.Active ? HealthCheckResult.Unhealthy($"Catalog loaded; silo {status.ToString().ToLowerInvariant()} in the cluster.")
            : HealthCheckResult.Healthy($"{replica.Count} products loaded.")));
    }
}
