using System.Diagnostics;
using Aisle.Learning;

namespace Aisle.Cli.Evaluation;

/// <summary>The learned model trained on the training part of a leave-one-out split, and what it took.</summary>
public sealed record OfflineModel(ItemModel Model, NextItemEmbeddings Embeddings, TimeSpan TrainingTime, long PeakWorkingSetBytes)
{
    /// <summary>
    /// Trains on each user's training items only (the validation and test items never reach the trainer), then builds
    /// the neighbour lists serving reads. The time covers both; the memory is the process's peak working set so far.
    /// </summary>
    public static OfflineModel Train(IReadOnlyList<string> items, IReadOnlyList<LeaveOneOut> cases, TrainingSettings settings, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            index[items[i]] = i;
        }

        var sequences = cases.Select(c => c.Training.Select(id => index[id]).ToArray()).ToArray();
        var embeddings = NextItemTrainer.Train(sequences, items.Count, settings, cancellationToken);
        var model = NeighbourLists.Build(embeddings, items, settings, 1, DateTimeOffset.UtcNow, HeldBackScore.None, cancellationToken);
        watch.Stop();
        using var process = Process.GetCurrentProcess();
        return new OfflineModel(model, embeddings, watch.Elapsed, process.PeakWorkingSet64);
    }

    /// <summary>The model alone over every item (exact scores, no neighbour-list cut): the ceiling of what serving's
    /// lists can give.</summary>
    public StrategyMetrics MeasureExact(IReadOnlyList<LeaveOneOut> cases, Func<LeaveOneOut, string> target, Func<LeaveOneOut, IReadOnlyList<string>> history)
    {
        var index = new Dictionary<string, int>(Model.Items.Length, StringComparer.Ordinal);
        for (var i = 0; i < Model.Items.Length; i++)
        {
            index[Model.Items[i]] = i;
        }

        var ranks = new int[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, u =>
        {
            var had = history(cases[u]).Select(id => index[id]).ToArray();
            var context = had.Reverse().Distinct().Take(Model.Context).ToArray();
            var scores = Embeddings.ScoreAll(context, Model.ContextDecay);
            foreach (var h in had)
            {
                scores[h] = float.NegativeInfinity;
            }

            var t = scores[index[target(cases[u])]];
            var rank = 0;
            foreach (var s in scores)
            {
                if (s > t)
                {
                    rank++;
                }
            }

            ranks[u] = rank;
        });
        return RankingMetrics.FromRanks(ranks);
    }

    /// <summary>The model alone as serving reads it: the neighbour lists of the user's latest products.</summary>
    public StrategyMetrics MeasureServed(IReadOnlyList<LeaveOneOut> cases, Func<LeaveOneOut, string> target, Func<LeaveOneOut, IReadOnlyList<string>> history)
    {
        var served = new ServedModel(Model);
        var ranks = new int[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, u =>
        {
            var had = history(cases[u]);
            var exclude = had.ToHashSet(StringComparer.Ordinal);
            var ranked = served.Next(had.Reverse()).Where(p => !exclude.Contains(p.Key)).OrderByDescending(p => p.Value).Take(Evaluator.Limit)
                .Select(p => p.Key).ToArray();
            ranks[u] = RankingMetrics.RankOf(ranked, target(cases[u]));
        });
        return RankingMetrics.FromRanks(ranks);
    }
}
