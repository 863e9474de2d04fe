using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Aisle.Retrieval;

namespace Aisle.Benchmarks;

/// <summary>
/// Vectors for the kNN benchmarks: real embeddings from the file named by <c>AISLE_EMBEDDINGS</c> (raw
/// little-endian float32, <see cref="Dimensions"/> per row) when it exists, else deterministic synthetic data
/// shaped like sentence embeddings: a shared direction, topics, sub-topics, uneven per-dimension variance, noise.
/// </summary>
internal sealed class KnnData
{
    public const int Dimensions = 384;

    private KnnData(float[][] rows, float[][] queries, VectorMetadata[] metadata, string source)
    {
        Rows = rows;
        Queries = queries;
        Metadata = metadata;
        Source = source;
    }

    public float[][] Rows { get; }

    public float[][] Queries { get; }

    public VectorMetadata[] Metadata { get; }

    public string Source { get; }

    public static KnnData Load(int rows, int queries, int seed = 42)
    {
        var random = new Random(seed);
        var path = Environment.GetEnvironmentVariable("AISLE_EMBEDDINGS");
        float[][] vectors;
        float[][] queryVectors;
        string source;
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            var all = ReadFloat32(path);
            // Queries are held-out rows when the file has enough, else perturbed copies of stored rows.
            vectors = all.Take(rows).ToArray();
            queryVectors = all.Length >= rows + queries
                ? all.Skip(rows).Take(queries).ToArray()
                : Enumerable.Range(0, queries).Select(_ => Perturb(random, vectors[random.Next(vectors.Length)], 0.05f)).ToArray();
            source = $"real embeddings from {path} ({vectors.Length} rows; queries {(all.Length >= rows + queries ? "held-out rows" : "perturbed rows")})";
        }
        else
        {
            var generator = new SyntheticEmbeddings(random);
            vectors = Enumerable.Range(0, rows).Select(_ => generator.Next()).ToArray();
            queryVectors = Enumerable.Range(0, queries).Select(_ => generator.Next()).ToArray();
            source = "synthetic clustered embeddings (set AISLE_EMBEDDINGS to a float32 file for real ones)";
        }

        var metadata = Enumerable.Range(0, vectors.Length).Select(_ => RandomMetadata(random)).ToArray();
        return new KnnData(vectors, queryVectors, metadata, source);
    }

    private static float[][] ReadFloat32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(0, bytes.Length / (Dimensions * 4) * Dimensions * 4));
        var rows = new float[floats.Length / Dimensions][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = floats.Slice(i * Dimensions, Dimensions).ToArray();
        }

        return rows;
    }

    private static float[] Perturb(Random random, float[] row, float sigma)
    {
        var copy = row.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] += sigma * (float)(random.NextDouble() * 2 - 1);
        }

        return copy;
    }

    private static VectorMetadata RandomMetadata(Random random)
    {
        // Skewed like a real catalog: a few big top-level categories, many small ones.
        var top = (int)Math.Min(24, Math.Floor(-Math.Log(1 - random.NextDouble()) * 5));
        var category = $"Category{top} > Sub{random.Next(8)} > Leaf{random.Next(20)}";
        var brand = random.NextDouble() < 0.1 ? null : $"Brand{(int)Math.Floor(Math.Pow(random.NextDouble(), 2) * 2000)}";
        double? price = random.NextDouble() < 0.05 ? null : Math.Round(Math.Exp(5 + random.NextDouble() * 5), 0);
        return new VectorMetadata(category, brand, price, random.NextDouble() < 0.9);
    }

    private sealed class SyntheticEmbeddings
    {
        private readonly Random _random;
        private readonly float[] _common;
        private readonly float[] _dimensionScale;
        private readonly float[][] _topics;
        private readonly float[][] _subtopics;

        public SyntheticEmbeddings(Random random)
        {
            _random = random;
            _common = Gaussian(1f);
            // Sentence embeddings have a few high-variance dimensions; mimic with log-normal per-dimension scales.
            _dimensionScale = Enumerable.Range(0, Dimensions).Select(_ => (float)Math.Exp(Normal() * 0.5)).ToArray();
            _topics = Enumerable.Range(0, 30).Select(_ => Gaussian(1f)).ToArray();
            _subtopics = Enumerable.Range(0, 600).Select(_ => Gaussian(0.8f)).ToArray();
        }

        public float[] Next()
        {
            var sub = _random.Next(_subtopics.Length);
            var topic = _topics[sub % _topics.Length];
            var subtopic = _subtopics[sub];
            var noise = Gaussian(0.9f);
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = (0.6f * _common[d] + topic[d] + subtopic[d] + noise[d]) * _dimensionScale[d];
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            return vector;
        }

        private float[] Gaussian(float sigma) => Enumerable.Range(0, Dimensions).Select(_ => sigma * Normal()).ToArray();

        private float Normal()
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
