using System.Diagnostics;

namespace Aisle.Learning;

/// <summary>What one training run did.</summary>
/// <param name="Outcome">published, kept_previous or too_little_data (the labels of <c>aisle_model_trainings_total</c>).</param>
/// <param name="Published">The new model when it was published, else null.</param>
/// <param name="Candidate">The new model's score on the held-back slice (None when none was trained).</param>
/// <param name="Previous">The model in service's score on the same slice (None without one).</param>
public sealed record TrainingOutcome(string Outcome, ItemModel? Published, HeldBackScore Candidate, HeldBackScore Previous, int Shoppers, TimeSpan Elapsed)
{
    public const string PublishedOutcome = "published";
    public const string KeptPrevious = "kept_previous";
    public const string TooLittleData = "too_little_data";
}

/// <summary>
/// One training run, free of grains and storage so it is tested directly: hold back the slice's last products, train
/// on the rest, build the neighbour lists, and publish only if the new model scores at least as well on the held-back
/// slice as the model in service (which never saw those products either: the slice is the same shoppers every run,
/// and a held-back product is newer than any earlier run's data or was held back then too).
/// </summary>
public static class TrainingRun
{
    public static TrainingOutcome Run(
        IReadOnlyList<ShopperSequence> shoppers, ItemModel? previous, TrainingSettings settings, ModelOptions options, long version,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var held = new List<HeldBackCase>();
        var training = new List<IReadOnlyList<string>>(shoppers.Count);
        foreach (var shopper in shoppers)
        {
            if (shopper.Items.Count >= 2 && HeldBackSlice.Holds(shopper.ShopperId, options.HeldBackEvery))
            {
                held.Add(new HeldBackCase(shopper.Items.Take(shopper.Items.Count - 1).Reverse().ToArray(), shopper.Items[^1]));
                training.Add(shopper.Items.Take(shopper.Items.Count - 1).ToArray());
            }
            else
            {
                training.Add(shopper.Items);
            }
        }

        var learnable = training.Count(s => s.Count >= 2);
        if (learnable < options.MinShoppers)
        {
            return new TrainingOutcome(TrainingOutcome.TooLittleData, null, HeldBackScore.None, HeldBackScore.None, learnable, watch.Elapsed);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<string>();
        var sequences = new List<int[]>(training.Count);
        foreach (var sequence in training)
        {
            var rows = new int[sequence.Count];
            for (var i = 0; i < sequence.Count; i++)
            {
                if (!index.TryGetValue(sequence[i], out var row))
                {
                    index[sequence[i]] = row = items.Count;
                    items.Add(sequence[i]);
                }

                rows[i] = row;
            }

            sequences.Add(rows);
        }

        var embeddings = NextItemTrainer.Train(sequences, items.Count, settings, cancellationToken);
        var candidate = NeighbourLists.Build(embeddings, items, settings, version, now, HeldBackScore.None, cancellationToken);
        var candidateScore = HeldBackSlice.Score(new ServedModel(candidate), held);
        var previousScore = previous is null ? HeldBackScore.None : HeldBackSlice.Score(new ServedModel(previous), held);
        if (previous is not null && candidateScore.Objective < previousScore.Objective)
        {
            return new TrainingOutcome(TrainingOutcome.KeptPrevious, null, candidateScore, previousScore, learnable, watch.Elapsed);
        }

        return new TrainingOutcome(TrainingOutcome.PublishedOutcome, candidate with { HeldBack = candidateScore }, candidateScore, previousScore, learnable, watch.Elapsed);
    }
}
