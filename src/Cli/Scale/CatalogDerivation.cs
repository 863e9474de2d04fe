using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using Aisle.Catalog;

namespace Aisle.Cli.Scale;

/// <summary>
/// Derives benchmark products from the real catalog: copy 0 is the real catalog as it is; copy c ≥ 1 of source product
/// s is a variant of it — a new id and SKU, the name with a variant word, prices scaled by a log-normal factor (σ 0.15),
/// the same category, brand and rating — whose vector is the source's real embedding plus gaussian noise, re-normalised.
/// Everything is a function of (seed, c, s), so a 200k catalog is exactly the first 200k rows of the 1M one.
/// </summary>
public sealed class CatalogDerivation(int seed, float noise)
{
    private static readonly string[] Variants =
    [
        "Black", "Blue", "Red", "Grey", "White", "Green", "Pack of 2", "Pack of 3", "Large", "Small", "XL", "Combo",
        "Navy", "Maroon", "Beige", "Premium", "Classic", "Slim Fit", "Regular Fit", "Set of 4",
    ];

    /// <summary>Copy <paramref name="copy"/> of <paramref name="source"/> (copy 0 is the source itself).</summary>
    public Product Product(Product source, int copy, int sourceIndex)
    {
        if (copy == 0)
        {
            return source;
        }

        var random = Random(copy, sourceIndex, salt: 1);
        var factor = (decimal)Math.Exp(0.15 * Gaussian(random));
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{copy}:{source.Id}")))[..32];
        return source with
        {
            Id = id,
            Sku = "GEN" + id[..13].ToUpperInvariant(),
            Name = $"{source.Name} {Variants[random.Next(Variants.Length)]} Style {copy}",
            RetailPrice = source.RetailPrice is { } retail ? Math.Round(retail * factor) : null,
            DiscountedPrice = source.DiscountedPrice is { } discounted ? Math.Round(discounted * factor) : null,
            Description = null,
            ImageUrl = null,
        };
    }

    /// <summary>The vector of copy <paramref name="copy"/>: the source's, plus N(0, noise²) per component, re-normalised.</summary>
    public float[] Vector(float[] source, int copy, int sourceIndex)
    {
        if (copy == 0)
        {
            return source;
        }

        var random = Random(copy, sourceIndex, salt: 2);
        var vector = new float[source.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = source[i] + noise * (float)Gaussian(random);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    // HashCode.Combine is seeded per process; the derivation must repeat across runs, so SplitMix64 mixes the key.
    private Random Random(int copy, int sourceIndex, int salt)
    {
        var z = ((ulong)(uint)seed << 40) ^ ((ulong)(uint)copy << 24) ^ ((ulong)(uint)sourceIndex << 2) ^ (ulong)salt;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return new Random((int)(z ^ (z >> 31)));
    }

    /// <summary>Box–Muller: one standard normal draw.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
