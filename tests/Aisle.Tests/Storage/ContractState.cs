using Aisle.Storage;

namespace Aisle.Tests.Storage;

/// <summary>Grain state shaped like Aisle's real ones: scalars, lists, dictionaries and an embedding.</summary>
[GenerateSerializer]
public sealed record ContractState : IHasOutbox
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public int Count { get; init; }
    [Id(2)] public List<string> Tags { get; init; } = [];
    [Id(3)] public Dictionary<string, double> Affinities { get; init; } = [];
    [Id(4)] public float[] Embedding { get; init; } = [];
    [Id(5)] public decimal? Price { get; init; }

    /// <summary>Appended to the storage's outbox by the next write (see <see cref="IHasOutbox"/>); not stored.</summary>
    [field: NonSerialized]
    public OutboxRecord? Outbox { get; init; }

    /// <summary>A state whose every field depends on <paramref name="seed"/>.</summary>
    public static ContractState For(int seed) => new()
    {
        Name = $"state-{seed}",
        Count = seed * 7 + 1,
        Tags = [$"tag-{seed}", "shared", $"{seed % 3}"],
        Affinities = new() { ["Clothing"] = seed * 0.25, [$"brand-{seed}"] = -1.5 / (seed + 1) },
        Embedding = [seed * 0.1f, -2.5f, 1e-7f * seed, float.MaxValue / (seed + 1)],
        Price = seed % 2 == 0 ? 499.5m + seed : null,
    };
}
