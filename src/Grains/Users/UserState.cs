using System.Collections.Immutable;
using Aisle.Ranking;
using Aisle.Storage;

namespace Aisle.Users;

/// <summary>
/// State of a <see cref="UserGrain"/>: decayed sums, evaluated into a <see cref="UserProfile"/> on read. What is stored
/// is the same type with only <see cref="Packed"/> set (<see cref="UserStateFormat"/>); states stored before that format
/// have the other properties set instead, and still load (<see cref="UserStateFormat.Unpack"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserState : IHasOutbox
{
    [Id(0)] public ImmutableList<RecentInteraction> Recent { get; init; } = [];
    /// <summary>Keyed by category path prefix, levels 1 to 3 ("Footwear", "Footwear &gt; Men's Footwear", …).</summary>
    [Id(1)] public ImmutableDictionary<string, DecayedValue> Categories { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;
    [Id(2)] public ImmutableDictionary<string, DecayedValue> Brands { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;
    /// <summary>Decayed Σw, Σw·ln(price), Σw·ln(price)² of priced interactions.</summary>
    [Id(3)] public DecayedValue PriceWeight { get; init; }
    [Id(4)] public DecayedValue PriceSum { get; init; }
    [Id(5)] public DecayedValue PriceSquares { get; init; }
    /// <summary>Decayed weighted sum of item embeddings as of <see cref="TasteAt"/>.</summary>
    [Id(6)] public float[]? TasteSum { get; init; }
    [Id(7)] public DateTimeOffset TasteAt { get; init; }
    [Id(8)] public ImmutableList<string> Purchased { get; init; } = [];
    [Id(9)] public ImmutableList<string> RecentQueries { get; init; } = [];
    [Id(10)] public int EventCount { get; init; }
    /// <summary>The experiments the shopper was served by, by experiment name.</summary>
    [Id(11)] public ImmutableDictionary<string, ExperimentMembership> Experiments { get; init; } = ImmutableDictionary<string, ExperimentMembership>.Empty;
    /// <summary>In a stored state only: the whole state in <see cref="UserStateFormat"/>, the other properties empty. One
    /// more field rather than a new stored type, so that the states written before it keep deserializing.</summary>
    [Id(12)] public byte[]? Packed { get; init; }
    /// <summary>Hashes of the client ids of the last applied events (<see cref="Users.EventIds"/>). Stored beside
    /// <see cref="Packed"/>, not inside it: the packed layout stays as it is.</summary>
    [Id(13)] public byte[]? EventIds { get; init; }

    /// <summary>Negative feedback (remove from cart, return, dislike): per product, how hard it is pushed down. Stored
    /// beside <see cref="Packed"/>, like <see cref="EventIds"/>.</summary>
    [Id(14)] public ImmutableDictionary<string, DecayedValue> Pushed { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;

    /// <summary>When each purchased consumable (<see cref="RankingOptions.Consumables"/>) was last bought, so it can
    /// come back once its interval has passed. Stored beside <see cref="Packed"/>.</summary>
    [Id(15)] public ImmutableDictionary<string, DateTimeOffset> Consumed { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>The product activity of the events in the write under way (see <see cref="IHasOutbox"/>); never
    /// stored as part of the state: it has no serializer id.</summary>
    [field: NonSerialized]
    public OutboxRecord? Outbox { get; init; }
}
