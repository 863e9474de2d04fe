namespace Aisle.Users;

/// <summary>One behaviour event, already validated by the API.</summary>
/// <param name="ProductId">Required for every kind but <see cref="InteractionKind.Search"/>.</param>
/// <param name="Query">The search text, for <see cref="InteractionKind.Search"/>.</param>
/// <param name="Quantity">Units bought (purchase) or added (add to cart); 1 otherwise.</param>
/// <param name="RequestId">The id of the response that showed the item, for attribution.</param>
/// <param name="EventId">The client's own id of the event: a retried event with the same id is applied once.</param>
[GenerateSerializer, Immutable]
public sealed record ShopperEvent(
    [property: Id(0)] InteractionKind Kind,
    [property: Id(1)] string? ProductId,
    [property: Id(2)] string? Query,
    [property: Id(3)] int Quantity,
    [property: Id(4)] DateTimeOffset Timestamp,
    [property: Id(5)] string? RequestId,
    [property: Id(6)] string? EventId = null);

/// <summary>What became of one event.</summary>
/// <param name="Revenue">For an accepted purchase: the live price times the quantity (null when the price is unknown).</param>
/// <param name="Attributed">The experiment variant the event was attributed to through its request id, if any.</param>
/// <param name="Duplicate">Accepted earlier under the same event id: this arrival changed nothing.</param>
[GenerateSerializer, Immutable]
public sealed record EventOutcome(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Error,
    [property: Id(2)] decimal? Revenue = null,
    [property: Id(3)] Experiments.Exposure? Attributed = null,
    [property: Id(4)] bool Duplicate = false);
