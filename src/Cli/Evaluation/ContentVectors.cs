namespace Aisle.Cli.Evaluation;

/// <summary>
/// Content vectors for items that have attribute ids but no text: one dimension per attribute (multi-hot), so the
/// cosine of two items is their attribute overlap / √(|a|·|b|) — exact, deterministic and cheap (a few hundred
/// dimensions). Embedding made-up text such as "attribute 17" with MiniLM would cost minutes and mean nothing.
/// Items without attributes get a pseudo-random direction (seeded by the id) in a block of
/// <see cref="BareDimensions"/> extra dimensions: orthogonal to every attribute, close to nothing in particular.
/// </summary>
public static class ContentVectors
{
    public const int BareDimensions = 32;

    public static float[][] Build(IReadOnlyList<string> items, IReadOnlyDictionary<string, int[]> attributes)
    {
        var dimensionOf = new Dictionary<int, int>();
        foreach (var item in items)
        {
            foreach (var attribute in attributes.GetValueOrDefault(item) ?? [])
            {
                dimensionOf.TryAdd(attribute, dimensionOf.Count);
            }
        }

        var dimensions = dimensionOf.Count + BareDimensions;
        var vectors = new float[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            var v = new float[dimensions];
            var own = attributes.GetValueOrDefault(items[i]) ?? [];
            if (own.Length == 0)
            {
                var random = new Random(StableHash(items[i]));
                var norm = 0.0;
                for (var d = dimensionOf.Count; d < dimensions; d++)
                {
                    v[d] = (float)(random.NextDouble() * 2 - 1);
                    norm += v[d] * v[d];
                }

                for (var d = dimensionOf.Count; d < dimensions; d++)
                {
                    v[d] /= (float)Math.Sqrt(norm);
                }
            }
            else
            {
                var value = (float)(1 / Math.Sqrt(own.Distinct().Count()));
                foreach (var attribute in own)
                {
                    v[dimensionOf[attribute]] = value;
                }
            }

            vectors[i] = v;
        }

        return vectors;
    }

    /// <summary>FNV-1a of the id: string.GetHashCode differs between runs, and runs must be comparable.</summary>
    private static int StableHash(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
