using System.Runtime.CompilerServices;
using Aisle.Catalog;

namespace Aisle.Users;

/// <summary>
/// The catalog as <see cref="UserStateFormat"/> sees it: each product under a 6-byte key of its id, so a stored shopper
/// names a product in 6 bytes instead of its 32-character id, and the product's category path and brand, so a stored
/// affinity for "Clothing &gt; Men's Clothing" can point at a product the shopper touched instead of repeating the text.
/// </summary>
/// <remarks>
/// Keys are a hash, not a row number, so they stay valid when a catalog is reloaded in another order; ids that share a
/// key with another product of the catalog get none (the format then stores them in full).
/// </remarks>
public sealed class CatalogKeys
{
    /// <summary>No products: every id and name is stored in full (tests, a silo whose catalog has not loaded).</summary>
    public static readonly CatalogKeys Empty = new([]);

    // One index per loaded product list: a catalog reload installs a new list, so an index is never stale.
    private static readonly ConditionalWeakTable<IReadOnlyList<Product>, CatalogKeys> ByProducts = new();

    private readonly Dictionary<string, KeyedProduct> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, KeyedProduct> _byKey = [];

    public CatalogKeys(IReadOnlyList<Product> products)
    {
        var ambiguous = new HashSet<long>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            // Prefixes computed once per catalog, each text held once, instead of per stored state.
            var prefixes = ProfileUpdater.CategoryPrefixes(product.CategoryPath)
                .Select(prefix => names.TryGetValue(prefix, out var held) ? held : names[prefix] = prefix)
                .ToArray();
            var keyed = new KeyedProduct(product.Id, product.Brand, prefixes);
            _byId[product.Id] = keyed;
            var key = KeyOf(product.Id);
            if (!_byKey.TryAdd(key, keyed) && _byKey[key].Id != product.Id)
            {
                ambiguous.Add(key);
            }
        }

        foreach (var key in ambiguous)
        {
            _byKey.Remove(key);
        }
    }

    /// <summary>The index of the replica's current product list, built once per list.</summary>
    public static CatalogKeys Of(CatalogReplica replica) =>
        replica.Count == 0 ? Empty : ByProducts.GetValue(replica.Products, static products => new CatalogKeys(products));

    public bool TryGetProduct(string id, out KeyedProduct product) => _byId.TryGetValue(id, out product!);

    /// <summary>The product stored under <paramref name="key"/>, if this catalog has exactly one.</summary>
    public bool TryGetByKey(long key, out KeyedProduct product) => _byKey.TryGetValue(key, out product!);

    /// <summary>True when <paramref name="id"/> can be stored as its key: this catalog resolves the key back to it.</summary>
    public bool HasKey(string id) => _byKey.TryGetValue(KeyOf(id), out var product) && product.Id == id;

    /// <summary>48 bits of FNV-1a over the id's UTF-16 code units: stable across processes and runs, unlike
    /// <see cref="string.GetHashCode()"/>. A new product colliding with a removed one's key is a ~1e-10 chance per id.</summary>
    public static long KeyOf(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash & 0xFFFF_FFFF_FFFFUL);
    }
}

/// <summary>What a stored shopper state can refer to in a product: its id, brand and category prefixes (levels 1 to
/// <see cref="ProfileUpdater.AffinityDepth"/>, as <see cref="ProfileUpdater.CategoryPrefixes"/> builds them).</summary>
public sealed record KeyedProduct(string Id, string? Brand, string[] Prefixes);
