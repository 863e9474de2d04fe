using Aisle.Recommendations;

namespace Aisle.Frontend.Apis;

/// <summary>Every product list Aisle answers with. <c>requestId</c> goes back on events for attribution.</summary>
public sealed record ProductListResponse(IReadOnlyList<RankedItem> Items, string RequestId, QueryUnderstood? Understood = null)
{
    public static ProductListResponse From(RankedList list) => new(list.Items, Guid.NewGuid().ToString("N"), list.Understood);
}
