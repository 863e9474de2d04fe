using Aisle.Observability;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Aisle.Frontend.Health;
using Aisle.Hosting;
using Aisle.Frontend.Security;
using Aisle.Recommendations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prometheus;
using Scalar.AspNetCore;

namespace Aisle.Frontend.Hosting;

/// <summary>The HTTP surface's cross-cutting parts: problem details, OpenAPI, rate limiting, health, metrics.</summary>
public static class ApiHosting
{
    /// <summary>Requests per second one client address may make to the public API (<c>Aisle:RateLimit:PermitsPerSecond</c>, default 2000).</summary>
    public const string PermitsKey = "Aisle:RateLimit:PermitsPerSecond";

    /// <summary>Requests per second one admin key may make to <c>/api/admin</c> (<c>Aisle:RateLimit:AdminPermitsPerSecond</c>, default 2000).</summary>
    public const string AdminPermitsKey = "Aisle:RateLimit:AdminPermitsPerSecond";

    /// <summary>Longest accepted request line: long enough that an oversized query is answered by Aisle's own
    /// validation with a problem document, rather than by Kestrel with an empty 414.</summary>
    private const int MaxRequestLineBytes = 2 * 1024 * 1024;

    public static WebApplicationBuilder AddAisleApi(this WebApplicationBuilder builder)
    {
        AisleMetrics.ExportMeters();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestLineBytes + 64 * 1024;
            kestrel.Limits.MaxRequestBufferSize = MaxRequestLineBytes + 128 * 1024;
            kestrel.Limits.MaxRequestBodySize = BodyLimits.Default;
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        // Enums as their names ("running", "placed"), as the API documents and accepts them.
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi();
        // One instance, so it logs readiness changes rather than every poll (which the health check service would log at Error).
        builder.Services.AddSingleton<CatalogReadyHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<CatalogReadyHealthCheck>("catalog", tags: ["ready"]);
        builder.Logging.AddFilter(ReadinessLog.HealthCheckServiceCategory, LogLevel.Critical);

        builder.Services.AddSingleton<AdminKeys>();
        builder.Services.Configure<ForwardedHeadersOptions>(options => ClientAddress.Configure(options, builder.Configuration));
        var permits = builder.Configuration.GetValue(PermitsKey, 2000);
        var adminPermits = builder.Configuration.GetValue(AdminPermitsKey, 2000);
        builder.Services.AddRateLimiter(limiter =>
        {
            // One bucket per client address (the real client's behind configured proxies), and one per admin key for
            // admin calls, so a busy admin tool does not starve the shoppers behind the same address, nor they it.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("operations");
                }

                var admin = context.Request.Path.StartsWithSegments(AdminApiKey.PathPrefix) ? AdminApiKey.KeyName(context) : null;
                return admin is null
                    ? RateLimitPartition.GetFixedWindowLimiter("client:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => PerSecond(permits))
                    : RateLimitPartition.GetFixedWindowLimiter("admin-key:" + admin, _ => PerSecond(adminPermits));
            });
            limiter.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "More requests per second than this client (or admin key) may make.");
            };
        });
        return builder;
    }

    public static WebApplication UseAisleApi(this WebApplication app)
    {
        // First: the rate limiter and the logs must see the client behind a configured proxy, not the proxy.
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteExceptionAsProblemAsync,
            // Expected answers (still loading, a bad request) are not errors worth a stack trace in the log.
            SuppressDiagnosticsCallback = context => Unwrap(context.Exception) is CatalogNotReadyException or BadHttpRequestException or VectorStoreUnavailableException
                || UnavailableErrors.Describe(context.Exception) is not null,
        });
        app.UseStatusCodePages();
        app.UseHttpMetrics();
        app.UseRateLimiter();
        app.UseAdminApiKey();
        return app;
    }

    /// <summary>Liveness, readiness, metrics and the API reference (<c>/</c> is the storefront).</summary>
    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapMetrics("/metrics");
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>Known failures become 4xx/503 problems; anything else is a 500 problem that says no more than that.</summary>
    private static Task WriteExceptionAsProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (UnavailableErrors.Describe(error) is { } unavailable)
        {
            AisleMetrics.Unavailable.WithLabels(unavailable.Reason).Inc();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = unavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, unavailable.Title, unavailable.Detail).AsTask();
        }

        var (status, title, detail) = Unwrap(error) switch
        {
            CatalogNotReadyException notReady => (StatusCodes.Status503ServiceUnavailable, "Catalog loading", notReady.Message),
            VectorStoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Vector store unavailable", "The vector store did not answer in time; try again shortly."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The request failed; see the server log with the trace id."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.StatusCode = status;
        return ProblemAsync(context, status, title, detail).AsTask();
    }

    private static Exception? Unwrap(Exception? error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;

    private static async ValueTask ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static FixedWindowRateLimiterOptions PerSecond(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 };
}
