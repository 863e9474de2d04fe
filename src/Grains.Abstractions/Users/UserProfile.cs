namespace Aisle.Users;

/// <summary>
/// A read-only view of a shopper's live profile, with every decayed quantity already evaluated at
/// <see cref="AsOf"/>, so the ranking code needs no knowledge of how the grain stores it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] IReadOnlyList<RecentInteraction> Recent,
    [property: Id(3)] IReadOnlyDictionary<string, double> CategoryAffinity,
    [property: Id(4)] IReadOnlyDictionary<string, double> BrandAffinity,
    [property: Id(5)] PriceBand? PriceBand,
    [property: Id(6)] float[]? Taste,
    [property: Id(7)] IReadOnlyList<string> Purchased,
    [property: Id(8)] IReadOnlyList<string> RecentQueries,
    [property: Id(9)] int EventCount)
{
    /// <summary>What recommendations showed the shopper within <c>Aisle:Ranking:ShownWindow</c>, for the ranker to demote
    /// what they ignored. Held in the user grain's memory only, so empty after a restart; an init property, so the
    /// profiles built elsewhere (tests, the offline evaluation) need not mention it.</summary>
    [Id(10)] public IReadOnlyList<ShownItem> Shown { get; init; } = [];

    /// <summary>Negative feedback: per product, how hard the shopper pushed it down (decayed to <see cref="AsOf"/>).</summary>
    [Id(11)] public IReadOnlyDictionary<string, double> Pushed { get; init; } = new Dictionary<string, double>();

    /// <summary>When each purchased consumable was last bought (products of the configured consumable categories).</summary>
    [Id(12)] public IReadOnlyDictionary<string, DateTimeOffset> Consumed { get; init; } = new Dictionary<string, DateTimeOffset>();

    public bool IsCold => EventCount == 0;

    public static UserProfile Empty(string userId, DateTimeOffset asOf) =>
        new(userId, asOf, [], new Dictionary<string, double>(), new Dictionary<string, double>(), null, null, [], [], 0);
}

/// <summary>One product the shopper touched, newest first in <see cref="UserProfile.Recent"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record RecentInteraction(
    [property: Id(0)] string ProductId,
    [property: Id(1)] InteractionKind Kind,
    [property: Id(2)] DateTimeOffset At);

/// <summary>The shopper's price band: decayed, interaction-weighted mean and spread of log(price).</summary>
[GenerateSerializer, Immutable]
public sealed record PriceBand(
    [property: Id(0)] double MeanLogPrice,
    [property: Id(1)] double StdDevLogPrice,
    [property: Id(2)] double Weight)
{
    public double Low => Math.Exp(MeanLogPrice - StdDevLogPrice);

    public double High => Math.Exp(MeanLogPrice + StdDevLogPrice);
}
