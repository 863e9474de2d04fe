namespace Aisle.Catalog;

/// <summary>
/// The stock a product starts with. The Flipkart data has no stock, so it is derived from the product id, the same on
/// every machine and in every process (never <see cref="string.GetHashCode()"/>, which is randomised per process).
/// </summary>
/// <remarks>
/// Rule: <c>h</c> = 64-bit FNV-1a over the UTF-16 code units of the id (low byte first), then the MurmurHash3
/// 64-bit finaliser to spread the bits. When <c>h mod 100 &lt; 5</c> the product starts out of stock (about 5% of
/// products); otherwise it starts with <c>1 + (h / 2^32) mod 100</c> units, 1 to 100.
/// </remarks>
public static class InitialStock
{
    /// <summary>Percentage of products that start out of stock.</summary>
    public const int OutOfStockPercent = 5;

    /// <summary>Largest initial stock.</summary>
    public const int MaxUnits = 100;

    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The initial stock of the product with this id: 0 for about 5% of ids, else 1 to 100.</summary>
    public static int For(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        var h = Mix(Fnv1a(productId));
        if (h % 100 < OutOfStockPercent)
        {
            return 0;
        }

        return 1 + (int)((h >> 32) % MaxUnits);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = FnvOffset;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return hash;
    }

    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
