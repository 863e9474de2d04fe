using Aisle.Experiments;
using Aisle.Recommendations;

namespace Aisle.Frontend.Application;

/// <summary>A list as it reached a shopper: the ranked items, the request id events send back for attribution, and the
/// experiment variant that ranked it (null outside experiments).</summary>
public sealed record ServedProducts(RankedList List, string RequestId, Exposure? Exposure)
{
    public IReadOnlyList<RankedItem> Items => List.Items;
}
