using System.Collections.Immutable;
using System.Numerics.Tensors;
using Aisle.Ranking;

namespace Aisle.Products;

/// <summary>
/// A product's strongest links (co-interaction neighbours or "touched next" successors), strongest first, every
/// weight as of the one time <see cref="At"/>. One time for all means decay scales every weight by the same factor,
/// so the order never goes stale: reading the list at another time costs one multiplication, not a sort.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LinkSet(
    [property: Id(0)] string[] Ids,
    [property: Id(1)] double[] Weights,
    [property: Id(2)] DateTimeOffset At)
{
    public static readonly LinkSet Empty = new([], [], default);

    public int Count => Ids.Length;

    /// <summary>The weights decayed to <paramref name="now"/>, same order as <see cref="Ids"/>.</summary>
    public double[] WeightsAt(DateTimeOffset now, TimeSpan halfLife)
    {
        var weights = new double[Weights.Length];
        TensorPrimitives.Multiply(Weights, Decay.Factor(now - At, halfLife), weights);
        return weights;
    }

    /// <summary>
    /// Adds <paramref name="added"/> (weights as of <paramref name="at"/>) and keeps the <paramref name="max"/>
    /// strongest: an online top-k, where the weakest drop out as new ones arrive.
    /// </summary>
    public LinkSet Add(IReadOnlyList<ActivityLink> added, string self, DateTimeOffset at, TimeSpan halfLife, int max)
    {
        // Both sides decayed to the later of the two times (an older activity, e.g. a replay, is decayed to ours).
        var reference = at > At ? at : At;
        var mine = Decay.Factor(reference - At, halfLife);
        var theirs = Decay.Factor(reference - at, halfLife);
        var merged = new Dictionary<string, double>(Ids.Length + added.Count, StringComparer.Ordinal);
        for (var i = 0; i < Ids.Length; i++)
        {
            merged[Ids[i]] = Weights[i] * mine;
        }

        foreach (var link in added)
        {
            if (link.ProductId != self)
            {
                merged[link.ProductId] = merged.GetValueOrDefault(link.ProductId) + link.Weight * theirs;
            }
        }

        // Strongest first; ties by id so every silo and every run keeps and orders the same links.
        var kept = merged
            .OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal)
            .Take(max)
            .ToArray();
        return new LinkSet(kept.Select(l => l.Key).ToArray(), kept.Select(l => l.Value).ToArray(), reference);
    }

    /// <summary>Links kept by an earlier version of the product state (one decayed value per link).</summary>
    public static LinkSet From(ImmutableDictionary<string, DecayedValue> links, TimeSpan halfLife, int max)
    {
        if (links.IsEmpty)
        {
            return Empty;
        }

        var at = links.Values.Max(v => v.At);
        return Empty.Add(links.Select(l => new ActivityLink(l.Key, l.Value.ValueAt(at, halfLife))).ToArray(), "", at, halfLife, max);
    }
}
