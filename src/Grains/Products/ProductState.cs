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
    [Id(7)] public ImmutableDictionary<string, DecayedValue> Neighbours { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;
    [Id(8)] public long Version { get; init; }
    /// <summary>Decayed total of every link added, kept or evicted (normalises link weights).</summary>
    [Id(9)] public DecayedValue LinkTotal { get; init; }
    /// <summary>Products touched right after this one, with decayed weights (sequential transitions).</summary>
    [Id(10)] public ImmutableDictionary<string, DecayedValue> Next { get; init; } = ImmutableDictionary<string, DecayedValue>.Empty;
    [Id(11)] public DecayedValue NextTotal { get; init; }
}
