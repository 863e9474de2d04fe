using Aisle.Catalog;
using Aisle.Query;
using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>Deterministic clustered vectors with varied metadata, and a brute-force double-precision reference.</summary>
internal sealed class VectorTestData
{
    public static readonly string[] Categories =
    [
        "Footwear > Men's Footwear > Sandals",
        "Footwear > Women's Footwear > Heels",
        "footwear > men's footwear > Sports Shoes",
        "Footwears > Odd Ones",
        "Clothing > Men's Clothing > Shirts",
        "Clothing > Women's Clothing",
        "Clothing >> Kids' Clothing >> Shorts",
        "Jewellery",
    ];

    public static readonly string?[] Brands = ["Alisha", "alisha", "Nike", "Puma", "FabHomeDecor", null, "Adidas"];

    private VectorTestData(int dimensions, List<VectorDocument> documents, float[][] centers)
    {
        Dimensions = dimensions;
        Documents = documents;
        Centers = centers;
    }

    public int Dimensions { get; }

    public List<VectorDocument> Documents { get; }

    private float[][] Centers { get; }

    public static VectorTestData Create(int count, int dimensions = 384, int clusters = 50, int seed = 7)
    {
        var random = new Random(seed);
        var centers = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centers[c] = Gaussian(random, dimensions, 1.0);
        }

        var documents = new List<VectorDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var center = centers[random.Next(clusters)];
            var noise = Gaussian(random, dimensions, 0.8);
            var vector = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                // Unnormalised on purpose, so the index's normalisation is exercised.
                vector[d] = (center[d] + noise[d]) * (float)(0.5 + random.NextDouble() * 3);
            }

            double? price = random.NextDouble() < 0.1 ? null : Math.Round(50 + random.NextDouble() * 5000, 2);
            var category = Categories[random.Next(Categories.Length)];
            var metadata = new VectorMetadata(
                category,
                Brands[random.Next(Brands.Length)],
                price,
                random.NextDouble() < 0.8,
                GendersOf(category));
            documents.Add(new VectorDocument($"p{i:D5}", vector, metadata));
        }

        return new VectorTestData(dimensions, documents, centers);
    }

    /// <summary>The genders a category path names, as the catalog would work them out (no random draw: the other
    /// columns stay what they were before genders existed).</summary>
    private static Gender GendersOf(string category) =>
        QueryTokens.Split(category).Aggregate(Gender.None, (set, token) => set | Genders.Of(token));

    public float[] Query(int seed)
    {
        var random = new Random(1000 + seed);
        var center = Centers[random.Next(Centers.Length)];
        var noise = Gaussian(random, Dimensions, 0.8);
        var query = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            query[d] = center[d] + noise[d];
        }

        return query;
    }

    public EmbeddedVectorIndex BuildIndex(int initialCapacity = 16)
    {
        var index = new EmbeddedVectorIndex(Dimensions, initialCapacity);
        foreach (var batch in Documents.Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch);
        }

        return index;
    }

    /// <summary>The top k ids by cosine, computed in double from the raw vectors.</summary>
    public static List<(string Id, double Score)> BruteForce(IEnumerable<VectorDocument> documents, float[] query, int k, Func<VectorDocument, bool>? passes = null) =>
        documents
            .Where(d => passes is null || passes(d))
            .Select(d => (d.Id, Score: Cosine(d.Vector.Span, query)))
            .OrderByDescending(x => x.Score)
            .Take(k)
            .ToList();

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static float[] Gaussian(Random random, int dimensions, double sigma)
    {
        var vector = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            // Box–Muller.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            vector[d] = (float)(sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return vector;
    }
}
