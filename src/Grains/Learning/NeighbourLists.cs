using System.Numerics.Tensors;

namespace Aisle.Learning;

/// <summary>
/// Turns trained embeddings into the <see cref="ItemModel"/> serving reads: each item's <c>kept</c> best next items
/// by In[item]·Out[next] + Bias[next]. Every pair is scored once here (items² dot products: about two seconds for
/// Beauty's 12k items on two cores) so that a request only walks short lists.
/// </summary>
public static class NeighbourLists
{
    public static ItemModel Build(NextItemEmbeddings embeddings, IReadOnlyList<string> items, TrainingSettings settings, long version,
        DateTimeOffset trainedAt, HeldBackScore heldBack, CancellationToken cancellationToken = default)
    {
        var n = embeddings.Items;
        var kept = Math.Min(settings.Neighbours, Math.Max(0, n - 1));
        var neighbours = new int[n * kept];
        var affinities = new float[n * kept];
        Array.Fill(neighbours, -1);
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = 2 }, () => new float[n], (item, _, scores) =>
        {
            var input = embeddings.In(item);
            for (var c = 0; c < n; c++)
            {
                scores[c] = TensorPrimitives.Dot<float>(input, embeddings.Out(c)) + embeddings.Bias[c];
            }

            scores[item] = float.NegativeInfinity;
            var top = new PriorityQueue<int, float>(kept + 1);
            for (var c = 0; c < n; c++)
            {
                if (top.Count < kept)
                {
                    top.Enqueue(c, scores[c]);
                }
                else if (scores[c] > scores[top.Peek()])
                {
                    top.EnqueueDequeue(c, scores[c]);
                }
            }

            for (var slot = top.Count - 1; slot >= 0; slot--)
            {
                var c = top.Dequeue();
                neighbours[item * kept + slot] = c;
                affinities[item * kept + slot] = scores[c] - embeddings.Bias[c];
            }

            return scores;
        }, _ => { });

        return new ItemModel(version, trainedAt, items.ToArray(), kept, neighbours, affinities, (float[])embeddings.Bias.Clone(),
            settings.Context, settings.ContextDecay, heldBack);
    }
}
