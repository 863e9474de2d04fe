using System.Numerics.Tensors;
using Aisle.Users;

namespace Aisle.Tests.Users;

/// <summary>What the user-state tests draw synthetic shoppers' histories from: Zipf-like product picks and a fixed
/// embedding per product id.</summary>
internal static class SyntheticShoppers
{
    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (summing to <paramref name="total"/>).</summary>
    public static int Draw(Random random, double[] weights, double total)
    {
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A unit 384-dimension embedding per product, fixed by its id.</summary>
    public static float[] Vector(string id)
    {
        var random = new Random((int)CatalogKeys.KeyOf(id));
        var v = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
