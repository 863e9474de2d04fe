using System.Numerics.Tensors;

namespace Aisle.Learning;

/// <summary>
/// What <see cref="NextItemTrainer"/> learns: per item an input vector (the item as context: "having had this"), an
/// output vector and a bias (the item as the next one). The score of item c after a context is
/// Σ wₖ·In[aₖ] · Out[c] + Bias[c]: a dot product that is linear in the context, so it splits into one part per
/// context item, which is what lets serving precompute each item's best next items (<see cref="NeighbourLists"/>).
/// </summary>
public sealed class NextItemEmbeddings(int items, int dimensions)
{
    public int Items { get; } = items;

    public int Dimensions { get; } = dimensions;

    /// <summary>Row-major, <see cref="Items"/> × <see cref="Dimensions"/>.</summary>
    public float[] Input { get; } = new float[items * dimensions];

    public float[] Output { get; } = new float[items * dimensions];

    public float[] Bias { get; } = new float[items];

    public Span<float> In(int item) => Input.AsSpan(item * Dimensions, Dimensions);

    public Span<float> Out(int item) => Output.AsSpan(item * Dimensions, Dimensions);

    /// <summary>The part of <paramref name="next"/>'s score that <paramref name="context"/> contributes, bias left out.</summary>
    public float Affinity(int context, int next) => TensorPrimitives.Dot<float>(In(context), Out(next));

    /// <summary>The exact score of every item after <paramref name="context"/> (newest first), for measuring the model
    /// without the neighbour lists' cut.</summary>
    public float[] ScoreAll(IReadOnlyList<int> context, double decay)
    {
        var h = ContextVector(context, decay);
        var scores = new float[Items];
        for (var c = 0; c < Items; c++)
        {
            scores[c] = TensorPrimitives.Dot<float>(h, Out(c)) + Bias[c];
        }

        return scores;
    }

    /// <summary>Σ wₖ·In[aₖ] with wₖ ∝ decay^k summing to 1, over <paramref name="context"/> newest first.</summary>
    public float[] ContextVector(IReadOnlyList<int> context, double decay)
    {
        var h = new float[Dimensions];
        var weights = ContextWeights(context.Count, decay);
        for (var k = 0; k < context.Count; k++)
        {
            TensorPrimitives.MultiplyAdd(In(context[k]), weights[k], h, h);
        }

        return h;
    }

    /// <summary>decay^k for k = 0 … count−1, scaled to sum to 1: a longer history does not make scores larger.</summary>
    public static float[] ContextWeights(int count, double decay)
    {
        var weights = new float[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
        {
            sum += Math.Pow(decay, k);
        }

        for (var k = 0; k < count; k++)
        {
            weights[k] = (float)(Math.Pow(decay, k) / sum);
        }

        return weights;
    }
}
