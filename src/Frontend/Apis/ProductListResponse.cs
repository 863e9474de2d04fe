using Aisle.Frontend.Application;
using Aisle.Recommendations;

namespace Aisle.Frontend.Apis;

/// <summary>Every product list Aisle answers with. <c>requestId</c> goes back on events for attribution;
/// <c>experiment</c> and <c>variant</c> name what ranked the list (null outside experiments).</summary>
public sealed record ProductListResponse(
    IReadOnlyList<RankedItem> Items, string RequestId, string? Experiment, string? Variant, QueryUnderstood? Understood = null)
{
    public const string RequestIdHeader = "Aisle-Request-Id";
    public const string ExperimentHeader = "Aisle-Experiment";
    public const string VariantHeader = "Aisle-Variant";

    public static ProductListResponse From(ServedProducts served) =>
        new(served.Items, served.RequestId, served.Exposure?.Experiment, served.Exposure?.Variant, served.List.Understood);

    /// <summary>200 with the list, and its request id, experiment and variant as response headers too (a proxy or a
    /// browser's network panel shows them without parsing the body).</summary>
    public static IResult Ok(HttpContext http, ServedProducts served)
    {
        Headers(http, served);
        return TypedResults.Ok(From(served));
    }

    public static void Headers(HttpContext http, ServedProducts served)
    {
        http.Response.Headers[RequestIdHeader] = served.RequestId;
        if (served.Exposure is { } exposure)
        {
            http.Response.Headers[ExperimentHeader] = exposure.Experiment;
            http.Response.Headers[VariantHeader] = exposure.Variant;
        }
    }
}
