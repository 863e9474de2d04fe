using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Aisle.Hosting;

/// <summary>
/// Logs a readiness check's result when it changes, not on every poll. ASP.NET Core's health check service logs each
/// Unhealthy result at Error level, so a fresh start polled by Kubernetes (or a test) every second wrote dozens of
/// <c>fail:</c> lines while the catalog loaded — an expected state, not an error. The hosts silence those per-poll
/// lines (<see cref="HealthCheckServiceCategory"/>) and the checks report transitions through this instead: loading
/// stages at Information, "no silo answered" at Warning with its exception.
/// </summary>
public sealed class ReadinessLog(ILogger logger)
{
    /// <summary>The logger category of ASP.NET Core's per-poll health check lines.</summary>
    public const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private string? _last;

    /// <summary>Returns <paramref name="result"/>, logging it first when its status or description differs from the last.</summary>
    public HealthCheckResult Report(HealthCheckResult result)
    {
        var key = $"{result.Status}: {result.Description}";
        if (Interlocked.Exchange(ref _last, key) == key)
        {
            return result;
        }

        if (result.Exception is { } exception)
        {
            logger.LogWarning(exception, "Readiness {Status}: {Description}", result.Status, result.Description);
        }
        else
        {
            logger.LogInformation("Readiness {Status}: {Description}", result.Status, result.Description);
        }

        return result;
    }
}
