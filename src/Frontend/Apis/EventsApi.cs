using System.Text.Json;
using Aisle.Observability;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Frontend.Apis;

public static class EventsApi
{
    public const int MaxBatch = 1000;

    /// <summary>Events may be stamped slightly ahead of the server clock, not a day ahead.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", PostAsync)
            .WithName("PostEvents")
            .WithTags("Events")
            .WithSummary("Record one behaviour event or a batch (up to 1,000). Purchases reserve stock; the next recommendation sees the event.")
            .Accepts<EventBatchRequest>("application/json")
            .Produces<EventsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> PostAsync(HttpRequest request, IGrainFactory grains, TimeProvider clock)
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

        var v = new RequestValidator();
        if (events.Count == 0)
        {
            v.Fail("events", "Send at least one event.");
        }
        else if (events.Count > MaxBatch)
        {
            v.Fail("events", $"A batch holds at most {MaxBatch} events; this one has {events.Count}.");
        }

        var now = clock.GetUtcNow();
        var parsed = new List<(string UserId, ShopperEvent Event, int Index)>(events.Count);
        for (var i = 0; v.IsValid && i < events.Count; i++)
        {
            if (Validate(events[i], i, now, v) is { } valid)
            {
                parsed.Add((valid.UserId, valid.Event, i));
            }
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        // All or nothing for unknown products: a typo in one id must not leave half a batch applied.
        var recommendation = grains.GetGrain<IRecommendationGrain>(0);
        var productIds = parsed.Where(p => p.Event.ProductId is not null).Select(p => p.Event.ProductId!).Distinct().ToArray();
        var unknown = productIds.Length == 0 ? [] : await recommendation.UnknownProductsAsync(productIds);
        if (unknown.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown products",
                detail: $"No product has id {string.Join(", ", unknown.Take(10).Select(id => $"'{id}'"))}; nothing was recorded.",
                extensions: new Dictionary<string, object?> { ["unknownProductIds"] = unknown });
        }

        var rejected = new List<RejectedEvent>();
        var purchases = new List<ShopperEvent>();
        var accepted = 0;
        var byUser = parsed.GroupBy(p => p.UserId, StringComparer.Ordinal).ToArray();
        var outcomes = await Task.WhenAll(byUser.Select(group =>
            grains.GetGrain<IUserGrain>(group.Key).RecordAsync(group.Select(p => p.Event).ToArray())));
        for (var g = 0; g < byUser.Length; g++)
        {
            var group = byUser[g].ToArray();
            for (var i = 0; i < group.Length; i++)
            {
                var outcome = outcomes[g][i];
                AisleMetrics.Events.WithLabels(group[i].Event.Kind.WireName(), outcome.Accepted ? "accepted" : "rejected").Inc();
                AisleMetrics.EventApplied(group[i].Event.Kind, outcome.Accepted);
                if (outcome.Accepted)
                {
                    accepted++;
                    if (group[i].Event.Kind == InteractionKind.Purchase)
                    {
                        purchases.Add(group[i].Event);
                    }
                }
                else
                {
                    rejected.Add(new RejectedEvent(group[i].Index, outcome.Error ?? "rejected"));
                }
            }
        }

        foreach (var purchase in purchases)
        {
            // Revenue at the live price; purchases are rare next to views, so one local read each is cheap.
            var details = await recommendation.GetProductAsync(purchase.ProductId!);
            AisleMetrics.Purchased(details?.Product.Price, purchase.Quantity);
        }

        if (accepted == 0 && rejected.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No event could be applied",
                detail: string.Join(" ", rejected.Select(r => r.Error).Distinct().Take(5)),
                extensions: new Dictionary<string, object?> { ["rejected"] = rejected });
        }

        return TypedResults.Ok(new EventsResponse(accepted, rejected.OrderBy(r => r.Index).ToArray()));
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

    private static (string UserId, ShopperEvent Event)? Validate(EventRequest? e, int index, DateTimeOffset now, RequestValidator v)
    {
        var at = $"events[{index}]";
        if (e is null)
        {
            v.Fail(at, "An event must be an object.");
            return null;
        }

        var userId = v.Id($"{at}.userId", e.UserId, required: true);
        if (e.Kind is null || !InteractionKinds.ByName.TryGetValue(e.Kind, out var kind))
        {
            v.Fail($"{at}.kind", $"kind must be one of {string.Join(", ", InteractionKinds.ByName.Keys)}.");
            return null;
        }

        var productId = kind == InteractionKind.Search ? null : v.Id($"{at}.productId", e.ProductId, required: true);
        var query = kind == InteractionKind.Search ? v.Text($"{at}.query", e.Query, RequestValidator.MaxQueryLength) : null;
        if (kind == InteractionKind.Search && query is null && v.IsValid)
        {
            v.Fail($"{at}.query", "A search event needs its query.");
        }

        var quantity = e.Quantity ?? 1;
        if (quantity is < 1 or > 1000)
        {
            v.Fail($"{at}.quantity", "quantity must be from 1 to 1000.");
        }

        var timestamp = e.Timestamp ?? now;
        if (timestamp > now + MaxClockSkew)
        {
            v.Fail($"{at}.timestamp", "timestamp is in the future.");
        }

        var requestId = v.Text($"{at}.requestId", e.RequestId, RequestValidator.MaxIdLength);
        return v.IsValid && userId is not null
            ? (userId, new ShopperEvent(kind, productId, query, quantity, timestamp, requestId))
            : null;
    }
}
