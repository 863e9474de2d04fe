namespace Aisle.Cli.Evaluation;

/// <summary>
/// Hit rate and NDCG at a cutoff for leave-one-out evaluation: one held-out item per user, so HR@K is whether it is
/// in the top K (= recall@K) and NDCG@K is 1 / log2(rank + 2) for a 0-based rank below K, else 0.
/// </summary>
public static class RankingMetrics
{
    public static readonly int[] Cutoffs = [5, 10, 20];

    /// <summary>0-based position of <paramref name="target"/> in <paramref name="ranked"/>, or -1 when absent.</summary>
    public static int RankOf(IReadOnlyList<string> ranked, string target)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i] == target)
            {
                return i;
            }
        }

        return -1;
    }

    public static double HitRate(int rank, int k) => rank >= 0 && rank < k ? 1 : 0;

    public static double Ndcg(int rank, int k) => rank >= 0 && rank < k ? 1 / Math.Log2(rank + 2) : 0;

    /// <summary>Mean HR@K and NDCG@K over users, from each user's 0-based rank of the held-out item (-1 = not ranked).</summary>
    public static StrategyMetrics FromRanks(IReadOnlyList<int> ranks)
    {
        var hit = new Dictionary<int, double>();
        var ndcg = new Dictionary<int, double>();
        foreach (var k in Cutoffs)
        {
            hit[k] = ranks.Count == 0 ? 0 : ranks.Average(r => HitRate(r, k));
            ndcg[k] = ranks.Count == 0 ? 0 : ranks.Average(r => Ndcg(r, k));
        }

        return new StrategyMetrics(ranks.Count, hit, ndcg);
    }
}

/// <summary>HR@K and NDCG@K (K in <see cref="RankingMetrics.Cutoffs"/>) over <see cref="Users"/> users.</summary>
public sealed record StrategyMetrics(int Users, IReadOnlyDictionary<int, double> HitRate, IReadOnlyDictionary<int, double> Ndcg)
{
    /// <summary>What tuning maximises: HR@10 + NDCG@10, the pair the published tables lead with.</summary>
    public double Objective => HitRate[10] + Ndcg[10];
}
