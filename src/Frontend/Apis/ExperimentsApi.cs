using Aisle.Frontend.Hosting;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aisle.Experiments;
using Aisle.Frontend.Application;

namespace Aisle.Frontend.Apis;

/// <summary>Admin endpoints (API key) for experiment definitions and reports.</summary>
public static class ExperimentsApi
{
    /// <summary>Unknown members are refused (a typo like "weigth" must not silently give a default), enums by name.
    /// A report with too little data has unbounded intervals and undefined lifts: written "Infinity", "-Infinity" and
    /// "NaN" rather than failing.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/admin/experiments").WithTags("Experiments").WithBodyLimit(BodyLimits.Admin);
        experiments.MapGet("/", async (ExperimentAdmin admin) => TypedResults.Ok(await admin.ListAsync()))
            .WithName("ListExperiments").WithSummary("Every experiment definition and the set's version (0: configuration's).");
        experiments.MapGet("/{name}", async (string name, ExperimentAdmin admin) => (await admin.GetAsync(name)).ToResult(TypedResults.Ok))
            .WithName("GetExperiment").WithSummary("One experiment definition.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        experiments.MapPut("/{name}", PutAsync)
            .WithName("PutExperiment")
            .WithSummary("Create or replace an experiment: salt, status (draft, running, stopped), surface (all, search, recommendations, similar), variants with weights summing to 100 and ranking overrides, holdout, attribution window.")
            .Accepts<ExperimentSpec>("application/json")
            .ProducesValidationProblem();
        experiments.MapPut("/{name}/status", SetStatusAsync)
            .WithName("SetExperimentStatus").WithSummary("Start or stop an experiment: { \"status\": \"running\" }.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        experiments.MapDelete("/{name}", async (string name, ExperimentAdmin admin) => (await admin.DeleteAsync(name)).ToResult(_ => TypedResults.NoContent()))
            .WithName("DeleteExperiment").WithSummary("Remove a definition (its totals stay stored).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        experiments.MapGet("/{name}/report", async (string name, ExperimentAdmin admin) => (await admin.ReportAsync(name)).ToResult(r => TypedResults.Json(r, Json)))
            .WithName("ExperimentReport")
            .WithSummary("Per variant: shoppers, impressions, CTR, conversion, revenue per shopper; lift over control with 95 % interval and p-value (z-test, Welch), the always-valid sequential test, and the sample-ratio check.")
            .Produces<ExperimentReport>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public sealed record StatusChange(string? Status);

    private static async Task<IResult> PutAsync(string name, HttpRequest request, ExperimentAdmin admin)
    {
        var (spec, error) = await ReadAsync<ExperimentSpec>(request);
        if (spec is null)
        {
            return Malformed(error);
        }

        return (await admin.PutAsync(name, spec)).ToResult(d => TypedResults.Json(d, Json));
    }

    private static async Task<IResult> SetStatusAsync(string name, HttpRequest request, ExperimentAdmin admin)
    {
        var (change, error) = await ReadAsync<StatusChange>(request);
        if (change is null)
        {
            return Malformed(error);
        }

        return (await admin.SetStatusAsync(name, change.Status)).ToResult(d => TypedResults.Json(d, Json));
    }

    private static IResult Malformed(string? error) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
        detail: $"Send a JSON object with the documented members only. {error}".Trim());

    /// <summary>The body, or the reason it is not JSON of that shape (an unknown member is named).</summary>
    private static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json);
            return value is null ? (null, "The body is null.") : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }
    }
}
