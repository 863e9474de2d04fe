namespace Aisle.Learning;

/// <summary>
/// An <see cref="ItemModel"/> ready to answer requests: product ids mapped to the model's indexes once, when the
/// snapshot is installed, so a request costs one dictionary lookup per context product and a walk of their lists.
/// </summary>
public sealed class ServedModel
{
    private readonly Dictionary<string, int> _index;

    public ServedModel(ItemModel model)
    {
        Model = model;
        _index = new Dictionary<string, int>(model.Items.Length, StringComparer.Ordinal);
        for (var i = 0; i < model.Items.Length; i++)
        {
            _index.TryAdd(model.Items[i], i);
        }
    }

    public ItemModel Model { get; }

    public long Version => Model.Version;

    public bool Knows(string productId) => _index.ContainsKey(productId);

    /// <summary>The model's index of <paramref name="productId"/>, or −1 when it has not seen the product.</summary>
    public int IndexOf(string productId) => _index.TryGetValue(productId, out var i) ? i : -1;

    /// <summary>
    /// The next items of a shopper whose latest distinct products are <paramref name="recent"/> (newest first) and
    /// their scores: Σ wₖ·affinity(aₖ, c) + bias(c) over the model's first <see cref="ItemModel.Context"/> known
    /// products, wₖ ∝ decay^k. A candidate missing from an anchor's kept list is given that list's lowest affinity:
    /// an upper bound of the true one, the cheap stand-in for scoring the pair. Products the model has not seen are
    /// skipped (the live signals answer for them); with none known the result is empty.
    /// </summary>
    public Dictionary<string, double> Next(IEnumerable<string> recent)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (item, score) in NextIndexes(recent))
        {
            result[Model.Items[item]] = score;
        }

        return result;
    }

    /// <summary>Per-thread working memory of <see cref="NextIndexes"/>: a dense accumulator over the model's items and
    /// the list of those touched, reused call after call, so a request allocates nothing per candidate.</summary>
    private sealed class Scratch(int items)
    {
        public readonly double[] Sums = new double[items];
        public readonly int[] Seen = new int[items];
        public readonly List<int> Touched = [];
        public readonly List<(int Item, double Score)> Result = [];
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary><see cref="Next"/> by the model's item indexes (<see cref="ItemModel.Items"/>): what a request uses,
    /// without a string or a dictionary entry per candidate. The list is this thread's working memory: read it before
    /// the thread calls again (the request path does, synchronously).</summary>
    public List<(int Item, double Score)> NextIndexes(IEnumerable<string> recent)
    {
        var n = Model.Items.Length;
        var scratch = t_scratch is { } held && held.Sums.Length == n ? held : t_scratch = new Scratch(n);
        scratch.Result.Clear();
        var anchors = new List<int>(Model.Context);
        foreach (var id in recent)
        {
            if (_index.TryGetValue(id, out var i) && !anchors.Contains(i))
            {
                anchors.Add(i);
                if (anchors.Count == Model.Context)
                {
                    break;
                }
            }
        }

        if (anchors.Count == 0 || Model.Kept == 0)
        {
            return scratch.Result;
        }

        var weights = NextItemEmbeddings.ContextWeights(anchors.Count, Model.ContextDecay);
        Span<double> floors = stackalloc double[anchors.Count];
        for (var k = 0; k < anchors.Count; k++)
        {
            var start = anchors[k] * Model.Kept;
            var floor = double.MaxValue;
            for (var slot = 0; slot < Model.Kept; slot++)
            {
                var c = Model.Neighbours[start + slot];
                if (c < 0)
                {
                    break;
                }

                var affinity = Model.Affinities[start + slot];
                floor = Math.Min(floor, affinity);
                if (scratch.Seen[c] == 0)
                {
                    scratch.Touched.Add(c);
                }

                scratch.Sums[c] += weights[k] * affinity;
                scratch.Seen[c] |= 1 << k;
            }

            floors[k] = floor == double.MaxValue ? 0 : floor;
        }

        foreach (var c in scratch.Touched)
        {
            var score = scratch.Sums[c] + Model.Bias[c];
            for (var k = 0; k < anchors.Count; k++)
            {
                if ((scratch.Seen[c] & (1 << k)) == 0)
                {
                    score += weights[k] * floors[k];
                }
            }

            scratch.Result.Add((c, score));
            scratch.Sums[c] = 0;
            scratch.Seen[c] = 0;
        }

        scratch.Touched.Clear();
        return scratch.Result;
    }
}
