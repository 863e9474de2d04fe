using Aisle.Catalog;
using Aisle.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aisle.Frontend.Health;

/// <summary>Ready only once a silo answers with its catalog and indexes loaded. A singleton, so readiness changes are
/// logged once each (<see cref="ReadinessLog"/>).</summary>
public sealed class CatalogReadyHealthCheck(IGrainFactory grains, ILogger<CatalogReadyHealthCheck> logger) : IHealthCheck
{
    private readonly ReadinessLog _log = new(logger);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await grains.GetGrain<ICatalogGrain>(0).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return _log.Report(status.Ready
                ? HealthCheckResult.Healthy($"{status.Products} products loaded.")
                : HealthCheckResult.Unhealthy($"Catalog not ready: {status.Stage}."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return _log.Report(HealthCheckResult.Unhealthy("No silo answered.", ex));
        }
    }
}
