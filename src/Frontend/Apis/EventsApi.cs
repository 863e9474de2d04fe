using Aisle.Frontend.Hosting;
using System.Text.Json;
using Aisle.Frontend.Application;

namespace Aisle.Frontend.Apis;

public static class EventsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", PostAsync)
            .WithName("PostEvents")
            .WithBodyLimit(BodyLimits.Events)
            .WithTags("Events")
            .WithSummary("Record one behaviour event or a batch (up to 1,000). Purchases reserve stock; the next recommendation sees the event.")
            .Accepts<EventBatchRequest>("application/json")
            .Produces<EventsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> PostAsync(HttpRequest request, ShopperEvents recorder)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send events as application/json.");
        }

        IReadOnlyList<EventRequest> events;
        try
        {
            events = await ReadEventsAsync(request);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                detail: $"The body is not a valid event or batch of events: {ex.Message}");
        }

        return (await recorder.RecordAsync(events)).ToResult(TypedResults.Ok);
    }

    private static async Task<IReadOnlyList<EventRequest>> ReadEventsAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => root.Deserialize<EventRequest[]>(Json) ?? [],
            JsonValueKind.Object when root.TryGetProperty("events", out _) =>
                root.Deserialize<EventBatchRequest>(Json)?.Events ?? [],
            JsonValueKind.Object => [root.Deserialize<EventRequest>(Json)!],
            _ => throw new JsonException("Expected an event object, an array of events or { \"events\": [ … ] }."),
        };
    }
}
