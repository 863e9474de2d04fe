namespace Aisle.Frontend.Application;

/// <summary>
/// One behaviour event as a storefront sends it. <c>kind</c>: view, click, add_to_cart, purchase or search, or the
/// negative feedback remove_from_cart, return and dislike (which push the product down in the shopper's recommendations);
/// <c>productId</c> is required except for search, <c>query</c> only for search; <c>quantity</c> defaults to 1;
/// <c>timestamp</c> to now; <c>requestId</c> is the id of the list that showed the item. <c>eventId</c>, the client's
/// own id of the event, makes a retry safe: an event whose id was applied before for the same shopper is answered as a
/// duplicate and applied once (the shopper's last 256 identified events are remembered). Without it, a retried event
/// is applied again (at-least-once).
/// </summary>
public sealed record EventRequest(
    string? UserId, string? Kind, string? ProductId, string? Query, int? Quantity, DateTimeOffset? Timestamp, string? RequestId,
    string? EventId = null);

/// <summary>A batch: <c>{ "events": [ … ] }</c>. A bare array or a single event object is accepted too.</summary>
public sealed record EventBatchRequest(IReadOnlyList<EventRequest>? Events);

/// <summary>How many events were accepted — of them, <c>duplicates</c> had been applied before under the same
/// <c>eventId</c> and changed nothing now — and why any were not (index into the request's events).</summary>
public sealed record EventsResponse(int Accepted, IReadOnlyList<RejectedEvent> Rejected, int Duplicates = 0);

public sealed record RejectedEvent(int Index, string Error);
