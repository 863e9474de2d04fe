using Aisle.Observability;
using Aisle.Users;

namespace Aisle.Frontend.Application;

/// <summary>
/// Records behaviour events for the JSON API and the storefront pages: validates them, applies each shopper's in one
/// call to the user grain (which checks the products, reserves stock for purchases, attributes events to experiment
/// variants and prices what was bought), and counts the outcome in the business metrics.
/// </summary>
public sealed class ShopperEvents(IGrainFactory grains, TimeProvider clock)
{
    public const int MaxBatch = 1000;

    /// <summary>Events may be stamped slightly ahead of the server clock, not a day ahead.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Applies a batch. Invalid input refuses the whole batch (400, naming each field); a batch naming an
    /// unknown product applies nothing (422); when no event could be applied (all sold out), 409.</summary>
    public async Task<Outcome<EventsResponse>> RecordAsync(IReadOnlyList<EventRequest?> events)
    {
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

        // All or nothing for unknown products: a typo in one id must not leave half a batch applied. The check runs
        // on this process's catalog replica (embedded) or one silo's (cluster), not on the product grains.
        var productIds = parsed.Where(p => p.Event.ProductId is not null).Select(p => p.Event.ProductId!).Distinct().ToArray();
        var unknown = productIds.Length == 0 ? [] : await grains.GetGrain<Catalog.ICatalogGrain>(0).UnknownProductsAsync(productIds);
        if (unknown.Count > 0)
        {
            return new AppProblem(StatusCodes.Status422UnprocessableEntity, "Unknown products",
                $"No product has id {string.Join(", ", unknown.Take(10).Select(id => $"'{id}'"))}; nothing was recorded.",
                Extensions: new Dictionary<string, object?> { ["unknownProductIds"] = unknown });
        }

        var rejected = new List<RejectedEvent>();
        var accepted = 0;
        var duplicates = 0;
        var byUser = parsed.GroupBy(p => p.UserId, StringComparer.Ordinal).ToArray();
        var outcomes = await Task.WhenAll(byUser.Select(group =>
            grains.GetGrain<IUserGrain>(group.Key).RecordAsync(group.Select(p => p.Event).ToArray())));
        for (var g = 0; g < byUser.Length; g++)
        {
            var group = byUser[g].ToArray();
            for (var i = 0; i < group.Length; i++)
            {
                var outcome = outcomes[g][i];
                Count(group[i].Event.Kind, outcome);
                if (outcome.Accepted)
                {
                    accepted++;
                    duplicates += outcome.Duplicate ? 1 : 0;
                }
                else
                {
                    rejected.Add(new RejectedEvent(group[i].Index, outcome.Error ?? "rejected"));
                }
            }
        }

        if (accepted == 0 && rejected.Count > 0)
        {
            return new AppProblem(StatusCodes.Status409Conflict, "No event could be applied",
                string.Join(" ", rejected.Select(r => r.Error).Distinct().Take(5)),
                Extensions: new Dictionary<string, object?> { ["rejected"] = rejected });
        }

        return new EventsResponse(accepted, rejected.OrderBy(r => r.Index).ToArray(), duplicates);
    }

    /// <summary>One event of a page (a search, an add to cart), stamped now.</summary>
    public async Task<EventOutcome?> RecordOneAsync(string userId, InteractionKind kind, string? productId, string? query = null,
        int quantity = 1, string? requestId = null) =>
        (await RecordPageAsync(userId, [new PageEvent(kind, productId, query, quantity, requestId)]))[0];

    /// <summary>The events one page view means (a product page: the view, and the click when the shopper came from a
    /// list), stamped now and applied in one call, so one storage write.</summary>
    public async Task<IReadOnlyList<EventOutcome>> RecordPageAsync(string userId, IReadOnlyList<PageEvent> pageEvents)
    {
        var now = clock.GetUtcNow();
        var shopperEvents = pageEvents.Select(e => new ShopperEvent(e.Kind, e.ProductId, e.Query, e.Quantity, now, e.RequestId)).ToArray();
        var outcomes = await grains.GetGrain<IUserGrain>(userId).RecordAsync(shopperEvents);
        for (var i = 0; i < outcomes.Count; i++)
        {
            Count(shopperEvents[i].Kind, outcomes[i]);
        }

        return outcomes;
    }

    /// <summary>Counts applied events in the business metrics (also for purchases made by a checkout).</summary>
    public static void Count(InteractionKind kind, EventOutcome outcome)
    {
        // A duplicate was counted when it was first applied.
        AisleMetrics.Events.WithLabels(kind.WireName(), outcome.Duplicate ? "duplicate" : outcome.Accepted ? "accepted" : "rejected").Inc();
        if (!outcome.Duplicate)
        {
            AisleMetrics.EventApplied(kind, outcome);
        }
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
        var eventId = v.Text($"{at}.eventId", e.EventId, RequestValidator.MaxIdLength);
        return v.IsValid && userId is not null
            ? (userId, new ShopperEvent(kind, productId, query, quantity, timestamp, requestId, eventId))
            : null;
    }
}

/// <summary>An event a page records for its shopper, already validated by the page.</summary>
public sealed record PageEvent(InteractionKind Kind, string? ProductId, string? Query = null, int Quantity = 1, string? RequestId = null);
