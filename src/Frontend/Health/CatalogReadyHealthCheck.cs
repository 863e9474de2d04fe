using Aisle.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aisle.Frontend.Health;

/// <summary>Ready only once a silo answers with its catalog and indexes loaded.</summary>
public sealed class CatalogReadyHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await grains.GetGrain<ICatalogGrain>(0).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return status.Ready
                ? HealthCheckResult.Healthy($"{status.Products} products loaded.")
                : HealthCheckResult.Unhealthy($"Catalog not ready: {status.Stage}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("No silo answered.", ex);
        }
    }
}
