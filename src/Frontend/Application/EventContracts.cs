namespace Aisle.Frontend.Application;

/// <summary>
/// One behaviour event as a storefront sends it. <c>kind</c>: view, click, add_to_cart, purchase or search;
/// <c>productId</c> is required except for search, <c>query</c> only for search; <c>quantity</c> defaults to 1;
/// <c>timestamp</c> to now; <c>requestId</c> is the id of the list that showed the item.
/// </summary>
public sealed record EventRequest(
    string? UserId, string? Kind, string? ProductId, string? Query, int? Quantity, DateTimeOffset? Timestamp, string? RequestId);

/// <summary>A batch: <c>{ "events": [ … ] }</c>. A bare array or a single event object is accepted too.</summary>
public sealed record EventBatchRequest(IReadOnlyList<EventRequest>? Events);

/// <summary>How many events were applied, and why any were not (index into the request's events).</summary>
public sealed record EventsResponse(int Accepted, IReadOnlyList<RejectedEvent> Rejected);

public sealed record RejectedEvent(int Index, string Error);
