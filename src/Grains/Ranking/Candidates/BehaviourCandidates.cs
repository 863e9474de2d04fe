using System.Numerics.Tensors;
using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>What shoppers touched with the anchor products: co-interaction and "touched next" links (<see cref="BehaviourScores"/>).</summary>
public sealed class BehaviourCandidates(CatalogReplica catalog)
{
    /// <summary>Co-interaction and transition candidates of the anchors; relevance is the behaviour score over the best
    /// one, plus <paramref name="contentWeight"/> × content similarity to the latest anchor.</summary>
    public void Add(CandidateSet candidates, IReadOnlyList<int> anchors, IReadOnlySet<string> exclude, RankingOptions options,
        double contentWeight, bool coInteraction, bool transitions)
    {
        var scores = BehaviourScores.Compute(catalog, anchors, exclude, options, coInteraction, transitions);
        var best = scores.Count > 0 ? scores.Values.Max(v => v.Score) : 0;
        if (best <= 0)
        {
            return;
        }

        var latest = anchors.Count > 0 ? catalog.Vector(anchors[0]) : null;
        foreach (var (row, (score, because)) in scores)
        {
            var content = latest is null || contentWeight <= 0 ? 0 : Math.Max(0, TensorPrimitives.Dot(latest, catalog.Vector(row)));
            var followed = transitions && catalog.Next(because).Contains(catalog.Product(row).Id);
            candidates.Add(row, score / best + contentWeight * content,
                followed ? [Explainer.Neighbours, Explainer.Next] : [Explainer.Neighbours], catalog.Product(because).Name);
        }
    }
}
