using System.Collections.Immutable;

namespace Aisle.Shopping;

/// <summary>Persisted state of a <see cref="CartGrain"/>; changed only with <c>with</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record CartState
{
    /// <summary>In the order they were added, at most <see cref="CartLimits.MaxLines"/>.</summary>
    [Id(0)] public ImmutableList<CartLine> Lines { get; init; } = [];

    /// <summary>Newest first, at most <see cref="CartLimits.MaxOrders"/>. An <see cref="OrderStatus.Unconfirmed"/> order
    /// here is the marker of a checkout whose outcome was never recorded.</summary>
    [Id(1)] public ImmutableList<Order> Orders { get; init; } = [];
}
