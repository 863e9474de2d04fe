using Aisle.Users;

namespace Aisle.Shopping;

/// <summary>What a checkout did.</summary>
/// <param name="Repeated">The order id was used before: this is that order, and nothing was bought now.</param>
[GenerateSerializer, Immutable]
public sealed record CheckoutResult(
    [property: Id(0)] Order Order,
    [property: Id(1)] bool Repeated)
{
    /// <summary>There was nothing to buy: the order has no lines and was not stored.</summary>
    public bool CartWasEmpty => Order.Lines.Count == 0;

    /// <summary>What the user grain answered for each line, in order (revenue, the experiment variant a purchase was
    /// attributed to), for the caller's metrics; empty for a repeated or empty checkout. Not stored with the order.</summary>
    [Id(2)] public IReadOnlyList<EventOutcome> Outcomes { get; init; } = [];

    /// <summary>A sentence for the shopper when the result is not a plain new order; null otherwise.</summary>
    public string? Notice => CartWasEmpty ? "Your cart is empty"
        : Order.Status == OrderStatus.Unconfirmed ? OrderLine.NotConfirmed
        : Repeated ? "This order was already placed"
        : null;
}
