using System.Collections.Concurrent;
using Aisle.Products;
using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Catalog;

/// <summary>
/// This silo's read-only copy of the catalog, held as columns so ranking reads price, stock, popularity and
/// neighbours of hundreds of candidates without a grain call. Product grains stay the only writers: they push
/// each change here through <see cref="Apply"/>, and a newer version always wins over an older one.
/// </summary>
public sealed class CatalogReplica
{
    private Product[] _products = [];
    private Dictionary<string, int> _rowOf = new(StringComparer.Ordinal);
    private float[][] _vectors = [];
    private double[] _price = [];
    private int[] _stock = [];
    private DecayedValue[] _popularity = [];
    private string[][] _neighbours = [];
    private IReadOnlyList<double>[] _neighbourWeights = [];
    private double[] _linkTotal = [];
    private IReadOnlyList<string>[] _next = [];
    private IReadOnlyList<double>[] _nextWeights = [];
    private double[] _nextTotal = [];
    private long _changes;
    private long[] _version = [];
    private Gender[] _genders = [];
    private string[][] _categoryPrefixes = [];
    private readonly ConcurrentDictionary<string, CategoryRows> _rowsByCategory = new(StringComparer.OrdinalIgnoreCase);
    private volatile string _stage = "starting";
    private volatile bool _ready;

    public CatalogReplica(RankingOptions options) => Options = options;

    public RankingOptions Options { get; }

    /// <summary>Called with the row whose filterable fields (price, stock) changed, e.g. to refresh the vector index.</summary>
    public event Action<int>? FilterFieldsChanged;

    /// <summary>Called with every snapshot a product grain of this silo publishes (see <see cref="ReplicaFeed"/>).</summary>
    public event Action<ProductSnapshot>? Published;

    public bool Ready => _ready;

    public string Stage => _stage;

    /// <summary>Throws <see cref="Recommendations.CatalogNotReadyException"/> (503 at the API) while the catalog loads.</summary>
    public void EnsureReady()
    {
        if (!_ready)
        {
            throw new Recommendations.CatalogNotReadyException(_stage);
        }
    }

    public int Count => _products.Length;

    public IReadOnlyList<Product> Products => _products;

    public void ReportStage(string stage) => _stage = stage;

    /// <summary>Installs the catalog and its embeddings (row i of each belongs together) with their initial live values.</summary>
    public void Load(IReadOnlyList<Product> products, float[][] vectors)
    {
        if (products.Count != vectors.Length)
        {
            throw new ArgumentException("One embedding per product is required.", nameof(vectors));
        }

        var rowOf = new Dictionary<string, int>(products.Count, StringComparer.Ordinal);
        var price = new double[products.Count];
        var stock = new int[products.Count];
        for (var i = 0; i < products.Count; i++)
        {
            rowOf[products[i].Id] = i;
            price[i] = products[i].Price is { } p ? (double)p : double.NaN;
            stock[i] = products[i].InitialStock;
        }

        _products = products.ToArray();
        _vectors = vectors;
        _price = price;
        _stock = stock;
        _popularity = new DecayedValue[products.Count];
        _neighbours = Enumerable.Repeat(Array.Empty<string>(), products.Count).ToArray();
        _neighbourWeights = Enumerable.Repeat<IReadOnlyList<double>>([], products.Count).ToArray();
        _linkTotal = new double[products.Count];
        _next = Enumerable.Repeat<IReadOnlyList<string>>([], products.Count).ToArray();
        _nextWeights = Enumerable.Repeat<IReadOnlyList<double>>([], products.Count).ToArray();
        _nextTotal = new double[products.Count];
        _version = new long[products.Count];
        _genders = products.Select(ProductGenders.Of).ToArray();
        // Every ranked candidate looks its prefixes up in the shopper's affinities; building the strings once per
        // product, not once per candidate and request, keeps them off the hot path.
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        _categoryPrefixes = products.Select(p => ProfileUpdater.CategoryPrefixes(p.CategoryPath)
            .Select(prefix => prefixes.TryAdd(prefix, prefix) ? prefix : prefixes[prefix]).ToArray()).ToArray();
        _rowsByCategory.Clear();
        Families = ProductFamilies.Of(products);
        _rowOf = rowOf;
        Fingerprint = FingerprintOf(products);
    }

    /// <summary>Identifies the loaded catalog (its ids in row order): silos with equal fingerprints agree on rows.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>Rows of the known <paramref name="productIds"/>, in order.</summary>
    public int[] RowsOf(IReadOnlyList<string> productIds)
    {
        var rows = new List<int>(productIds.Count);
        foreach (var id in productIds)
        {
            if (_rowOf.TryGetValue(id, out var row))
            {
                rows.Add(row);
            }
        }

        return rows.ToArray();
    }

    /// <summary>The catalog's own string for <paramref name="productId"/> (null for an unknown id): ids read from a
    /// message are fresh copies, and ones kept for long should not each hold their own.</summary>
    public string? CatalogId(string productId) => _rowOf.TryGetValue(productId, out var row) ? _products[row].Id : null;

    /// <summary>The catalog's own id strings for <paramref name="rows"/> (no new strings).</summary>
    public string[] IdsOf(int[] rows) => Array.ConvertAll(rows, row => _products[row].Id);

    private static string FingerprintOf(IReadOnlyList<Product> products)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var product in products)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(product.Id + "\n"));
        }

        return Convert.ToHexString(hash.GetHashAndReset(), 0, 16);
    }

    public void MarkReady()
    {
        _stage = "ready";
        _ready = true;
    }

    public bool TryGetRow(string productId, out int row) => _rowOf.TryGetValue(productId, out row);

    public Product Product(int row) => _products[row];

    public float[] Vector(int row) => _vectors[row];

    /// <summary>Live price, or null when unknown.</summary>
    public double? Price(int row) => double.IsNaN(_price[row]) ? null : _price[row];

    public int Stock(int row) => _stock[row];

    public double Popularity(int row, DateTimeOffset now) => _popularity[row].ValueAt(now, Options.PopularityHalfLife);

    public IReadOnlyList<string> Neighbours(int row) => _neighbours[row];

    /// <summary>Link strengths of <see cref="Neighbours"/>, same order (empty when the writer sent none).</summary>
    public IReadOnlyList<double> NeighbourWeights(int row) => _neighbourWeights[row];

    /// <summary>Total co-interaction link weight of the product, including links no longer kept.</summary>
    public double LinkTotal(int row) => _linkTotal[row];

    /// <summary>Products touched right after this one, strongest first.</summary>
    public IReadOnlyList<string> Next(int row) => _next[row];

    public IReadOnlyList<double> NextWeights(int row) => _nextWeights[row];

    public double NextTotal(int row) => _nextTotal[row];

    /// <summary>Snapshots applied so far; lets a batch job tell when one-way updates have stopped arriving.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public Gender Genders(int row) => _genders[row];

    /// <summary>Variants of one product grouped at load: lists show one member, the product page the rest.</summary>
    public ProductFamilies Families { get; private set; } = ProductFamilies.Empty;

    /// <summary>Rows whose category path starts with <paramref name="category"/> (whole segments, any case), cached
    /// per filter text: trending, browse lists and filters test a category's rows instead of comparing paths.</summary>
    public CategoryRows Members(string category)
    {
        if (_rowsByCategory.TryGetValue(category, out var members))
        {
            return members;
        }

        if (_rowsByCategory.Count >= MaxCategorySets)
        {
            // Categories come from requests too: bounded, and starting over is cheaper than tracking recency.
            _rowsByCategory.Clear();
        }

        return _rowsByCategory.GetOrAdd(category, Collect);
    }

    /// <summary>Category row sets kept at once (~2.5 kB each for 20,000 products, plus the rows).</summary>
    public const int MaxCategorySets = 4_096;

    private CategoryRows Collect(string filter)
    {
        var segments = CategoryPath.Segments(filter);
        var rows = new List<int>();
        for (var row = 0; row < _products.Length; row++)
        {
            if (CategoryPath.StartsWith(_products[row].CategoryPath, segments))
            {
                rows.Add(row);
            }
        }

        return new CategoryRows(rows.ToArray(), _products.Length);
    }

    /// <summary>The row's category path prefixes from the root, as the shopper's affinities are keyed
    /// (<see cref="ProfileUpdater.CategoryPrefixes"/>).</summary>
    public string[] CategoryPrefixes(int row) => _categoryPrefixes[row];

    /// <summary>
    /// A product grain's change: applied here, and handed to <see cref="Published"/> so the other silos' replicas
    /// get it too (in a cluster; embedded, nobody listens).
    /// </summary>
    public void Publish(ProductSnapshot snapshot)
    {
        Apply(snapshot);
        Published?.Invoke(snapshot);
    }

    /// <summary>
    /// The newest version applied for <paramref name="row"/>. A product grain activating after a crash continues
    /// from here: its stored version can be behind what it published before the crash (counters are flushed
    /// lazily), and replicas ignore versions older than what they hold.
    /// </summary>
    public long VersionOf(int row)
    {
        lock (_version)
        {
            return _version[row];
        }
    }

    /// <summary>Applies a product grain's snapshot unless a newer one was already applied.</summary>
    public void Apply(ProductSnapshot snapshot)
    {
        if (!_rowOf.TryGetValue(snapshot.ProductId, out var row))
        {
            return;
        }

        lock (_version)
        {
            if (snapshot.Version < _version[row])
            {
                return;
            }

            _version[row] = snapshot.Version;
        }

        var newPrice = snapshot.Price is { } p ? (double)p : double.NaN;
        var filterChanged = !newPrice.Equals(_price[row]) || (_stock[row] > 0) != (snapshot.Stock > 0);
        _price[row] = newPrice;
        _stock[row] = snapshot.Stock;
        _popularity[row] = new DecayedValue(snapshot.Popularity, snapshot.AsOf);
        _neighbours[row] = snapshot.Neighbours as string[] ?? snapshot.Neighbours.ToArray();
        _neighbourWeights[row] = snapshot.NeighbourWeights;
        _linkTotal[row] = snapshot.LinkTotal;
        _next[row] = snapshot.Next;
        _nextWeights[row] = snapshot.NextWeights;
        _nextTotal[row] = snapshot.NextTotal;
        Interlocked.Increment(ref _changes);
        if (filterChanged)
        {
            FilterFieldsChanged?.Invoke(row);
        }
    }

    /// <summary>Number of products with no stock left.</summary>
    public int OutOfStockCount()
    {
        var count = 0;
        foreach (var s in _stock)
        {
            if (s <= 0)
            {
                count++;
            }
        }

        return count;
    }
}
