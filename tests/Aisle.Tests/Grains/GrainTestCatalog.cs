using Aisle.Catalog;

namespace Aisle.Tests.Grains;

/// <summary>
/// A small synthetic catalog for grain tests. Every test owns its product ids, because one cluster (and one replica)
/// is shared by all tests of a class and grain state outlives a test.
/// </summary>
public static class GrainTestCatalog
{
    public const int Dimensions = 8;

    public static readonly string[] Footwear = ["Footwear", "Men's Footwear", "Casual Shoes", "Loafers"];
    public static readonly string[] Kitchen = ["Home & Kitchen", "Kitchen Tools", "Knives"];

    /// <summary>The catalog's products with their embeddings, row i of each belonging together.</summary>
    public static (Product[] Products, float[][] Vectors) Build()
    {
        var entries = new List<(Product Product, float[] Vector)>
        {
            Item("race-10", stock: 10),
            Item("limits-5", stock: 5),
            Item("purchase-stocked", stock: 5),
            Item("purchase-soldout", stock: 0),
            // Two products of one category and brand, on orthogonal axes, so the taste direction is known exactly.
            Item("profile-a", stock: 20, brand: "Strider", category: Footwear, price: 500m, vector: Axis(0)),
            Item("profile-b", stock: 20, brand: "Strider", category: Footwear, price: 2000m, vector: Axis(1)),
            Item("batch-a", stock: 20),
            Item("batch-b", stock: 20),
            Item("pair-a", stock: 20),
            Item("pair-b", stock: 20),
            Item("price-a", stock: 3, price: 250m),
            Item("persist-product", stock: 9, price: 100m),
            Item("persist-user-a", stock: 20),
            Item("persist-user-b", stock: 20),
            Item("sum-a", stock: 20),
            Item("sum-b", stock: 20),
            Item("delivery-twice", stock: 20),
            Item("delivery-gap", stock: 20),
            Item("delivery-replay", stock: 20),
        };

        return (entries.Select(e => e.Product).ToArray(), entries.Select(e => e.Vector).ToArray());
    }

    /// <summary>The unit vector along axis <paramref name="axis"/>.</summary>
    public static float[] Axis(int axis)
    {
        var v = new float[Dimensions];
        v[axis] = 1;
        return v;
    }

    private static (Product, float[]) Item(
        string id, int stock, string? brand = "Acme", string[]? category = null, decimal price = 199m, float[]? vector = null)
    {
        var product = new Product(
            id,
            "SKU-" + id,
            "Test product " + id,
            brand,
            category ?? Kitchen,
            RetailPrice: price * 1.5m,
            DiscountedPrice: price,
            Rating: 4.0,
            Description: null,
            InitialStock: stock);
        return (product, vector ?? SeededUnitVector(id));
    }

    /// <summary>A deterministic L2-normalised vector derived from the id.</summary>
    private static float[] SeededUnitVector(string id)
    {
        var seed = 17;
        foreach (var c in id)
        {
            seed = seed * 31 + c;
        }

        var random = new Random(seed);
        var v = new float[Dimensions];
        var norm = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }

        return v;
    }
}
