using System.Collections.Immutable;
using Aisle.Ranking;

namespace Aisle.Products;

/// <summary>Persisted state of a <see cref="ProductGrain"/>; changed only with <c>with</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductState
{
    [Id(0)] public bool Initialized { get; init; }
    [Id(1)] public decimal? Price { get; init; }
    [Id(2)] public int Stock { get; init; }
    [Id(3)] public DecayedValue Views { get; init; }
    [Id(4)] public DecayedValue Carts { get; init; }
    [Id(5)] public DecayedValue Purchases { get; init; }
    [Id(6)] public DecayedValue Popularity { get; init; }
    /// <summary>Co-interaction links as stored before <see cref="Links"/>; read once, on activation, to migrate.</summary>
    [Id(7)] public ImmutableDictionary<string, DecayedValue> LegacyNeighbours { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;
    [Id(8)] public long Version { get; init; }
    /// <summary>Decayed total of every link added, kept or evicted (normalises link weights).</summary>
    [Id(9)] public DecayedValue LinkTotal { get; init; }
    /// <summary>Transitions as stored before <see cref="Next"/>; read once, on activation, to migrate.</summary>
    [Id(10)] public ImmutableDictionary<string, DecayedValue> LegacyNext { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;
    [Id(11)] public DecayedValue NextTotal { get; init; }
    /// <summary>Products seen together with this one (co-interaction), strongest first.</summary>
    [Id(12)] public LinkSet Links { get; init; } = LinkSet.Empty;
    /// <summary>Products touched right after this one (sequential transitions), strongest first.</summary>
    [Id(13)] public LinkSet Next { get; init; } = LinkSet.Empty;
    /// <summary>Per outbox source (a silo incarnation), the activity records already added to the values above.</summary>
    [Id(14)] public ImmutableDictionary<string, AppliedActivity> Applied { get; init; } = ImmutableDictionary<string, AppliedActivity>.Empty;
}
