using System.Numerics.Tensors;

namespace Aisle.Learning;

/// <summary>
/// Learns <see cref="NextItemEmbeddings"/> from shoppers' item sequences: at every step of a sequence the previous
/// <see cref="TrainingSettings.Context"/> items, recency-weighted, form a context vector, which should score the true
/// next item above <see cref="TrainingSettings.Negatives"/> items drawn at random (logistic loss, negative sampling,
/// as in word2vec's skip-gram but causal: only earlier items predict later ones, because "what comes next" is what
/// the recommendations are asked). Plain SGD on one thread: deterministic for a seed, and on Beauty's 150k
/// interactions an epoch takes about a second, so threads would buy little and cost reproducibility.
/// </summary>
public static class NextItemTrainer
{
    /// <param name="sequences">Each shopper's items as indexes below <paramref name="items"/>, oldest first.</param>
    public static NextItemEmbeddings Train(IReadOnlyList<int[]> sequences, int items, TrainingSettings settings, CancellationToken cancellationToken = default)
    {
        var d = settings.Dimensions;
        var model = new NextItemEmbeddings(items, d);
        var random = new Random(settings.Seed);
        // Small random inputs, zero outputs (word2vec's start): every score begins at 0, and the first steps move the
        // outputs towards the contexts they follow.
        for (var i = 0; i < model.Input.Length; i++)
        {
            model.Input[i] = (float)((random.NextDouble() - 0.5) / d);
        }

        var steps = new List<(int Sequence, int Position)>();
        var counts = new double[items];
        for (var s = 0; s < sequences.Count; s++)
        {
            for (var t = 0; t < sequences[s].Length; t++)
            {
                counts[sequences[s][t]]++;
                if (t > 0)
                {
                    steps.Add((s, t));
                }
            }
        }

        if (steps.Count == 0)
        {
            return model;
        }

        // Popularity as the starting bias: log-frequency, so an untrained pair still ranks the common next items first.
        var total = counts.Sum();
        for (var c = 0; c < items; c++)
        {
            model.Bias[c] = (float)Math.Log((counts[c] + 1) / (total + items) * items);
        }

        var sampler = new NegativeSampler(counts, settings.NegativeExponent);
        var order = steps.ToArray();
        var weights = Enumerable.Range(0, settings.Context + 1).Select(n => NextItemEmbeddings.ContextWeights(n, settings.ContextDecay)).ToArray();
        var h = new float[d];
        var gradient = new float[d];
        var context = new int[settings.Context];
        long done = 0;
        var planned = (long)order.Length * settings.Epochs;
        var shrink = (float)settings.Regularisation;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (var (s, t) in order)
            {
                var sequence = sequences[s];
                var n = 0;
                for (var j = t - 1; j >= 0 && n < settings.Context; j--)
                {
                    context[n++] = sequence[j];
                }

                var w = weights[n];
                Array.Clear(h);
                for (var k = 0; k < n; k++)
                {
                    TensorPrimitives.MultiplyAdd(model.In(context[k]), w[k], h, h);
                }

                var rate = (float)(settings.LearningRate * Math.Max(0.01, 1 - (double)done++ / planned));
                Array.Clear(gradient);
                var target = sequence[t];
                Step(model, h, gradient, target, 1, rate, shrink);
                for (var m = 0; m < settings.Negatives; m++)
                {
                    var negative = sampler.Next(random);
                    if (negative != target)
                    {
                        Step(model, h, gradient, negative, 0, rate, shrink);
                    }
                }

                for (var k = 0; k < n; k++)
                {
                    var input = model.In(context[k]);
                    TensorPrimitives.MultiplyAdd(gradient, w[k], input, input);
                    if (shrink > 0)
                    {
                        TensorPrimitives.Multiply(input, 1 - rate * shrink, input);
                    }
                }
            }
        }

        return model;
    }

    /// <summary>One logistic-loss step on (context h, item x, label): moves x's output vector and bias, and adds the
    /// context's share to <paramref name="gradient"/> (applied to the context items once all items are done).</summary>
    private static void Step(NextItemEmbeddings model, float[] h, float[] gradient, int x, float label, float rate, float shrink)
    {
        var output = model.Out(x);
        var score = TensorPrimitives.Dot<float>(h, output) + model.Bias[x];
        var g = rate * (label - Sigmoid(score));
        TensorPrimitives.MultiplyAdd(output, g, gradient, gradient);
        TensorPrimitives.MultiplyAdd(h, g, output, output);
        if (shrink > 0)
        {
            TensorPrimitives.Multiply(output, 1 - rate * shrink, output);
        }

        model.Bias[x] += g;
    }

    private static float Sigmoid(float x) => x switch
    {
        > 12 => 1,
        < -12 => 0,
        _ => 1 / (1 + MathF.Exp(-x)),
    };

    /// <summary>Draws items ∝ count^exponent from a cumulative table (binary search; exponent 0 = uniform).</summary>
    private sealed class NegativeSampler
    {
        private readonly double[] _cumulative;

        public NegativeSampler(double[] counts, double exponent)
        {
            _cumulative = new double[counts.Length];
            var sum = 0.0;
            for (var i = 0; i < counts.Length; i++)
            {
                sum += exponent == 0 ? 1 : Math.Pow(counts[i], exponent);
                _cumulative[i] = sum;
            }
        }

        public int Next(Random random)
        {
            var x = random.NextDouble() * _cumulative[^1];
            var i = Array.BinarySearch(_cumulative, x);
            return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
        }
    }
}
