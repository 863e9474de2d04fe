using Aisle.Catalog;

namespace Aisle.Cli.Simulation;

/// <summary>
/// The Online Retail file cut for a simulation: the customers whose purchases warm the engine up (replayed first, as
/// plain events outside any experiment, so products have co-interaction links and popularity), and the customers
/// replayed as simulated shoppers. Read with the catalog's own readers (<see cref="OnlineRetailCatalog"/>,
/// <see cref="OnlineRetailHistory"/>); the split is a seeded shuffle, so the same seed gives the same split.
/// </summary>
/// <param name="WarmupBaskets">The warm-up customers' baskets in time order: (customer, lines).</param>
public sealed record ReplayData(
    string File,
    int Products,
    int Customers,
    IReadOnlyList<(string CustomerId, IReadOnlyList<ScriptLine> Lines)> WarmupBaskets,
    int WarmupCustomers,
    IReadOnlyList<ShopperScript> Shoppers)
{
    /// <summary>The most units one event may carry (Aisle refuses more); the few wholesale lines above it are capped.</summary>
    public const int MaxQuantity = 1000;

    public static ReplayData Load(string file, double warmupShare, int seed)
    {
        var catalog = OnlineRetailCatalog.Load(file);
        var names = catalog.Products.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var history = OnlineRetailHistory.Read(file, catalog.Products);

        var order = history.Customers.Select(c => c.CustomerId).ToArray();
        new Random(seed).Shuffle(order);
        var warmupCount = (int)Math.Round(Math.Clamp(warmupShare, 0, 1) * order.Length);
        var warmup = order.Take(warmupCount).ToHashSet(StringComparer.Ordinal);

        ScriptLine Line(OnlineRetailLine l) => new(l.StockCode, names[l.StockCode], Math.Min(l.Quantity, MaxQuantity));
        var baskets = history.Baskets
            .Where(b => warmup.Contains(b.CustomerId))
            .Select(b => (b.CustomerId, (IReadOnlyList<ScriptLine>)b.Lines.Select(Line).ToList()))
            .ToList();
        var shoppers = history.Customers
            .Where(c => !warmup.Contains(c.CustomerId))
            .Select(c => new ShopperScript(c.CustomerId, c.Baskets.SelectMany(b => b.Lines).Select(Line).ToList()))
            .Where(s => s.Lines.Count > 0)
            .ToList();
        return new ReplayData(file, catalog.Products.Count, history.Customers.Count, baskets, warmupCount, shoppers);
    }

    /// <summary>Units of each product the run will buy at most: the warm-up once, each shopper <paramref name="replays"/> times.</summary>
    public IReadOnlyDictionary<string, long> UnitsBought(int replays)
    {
        var units = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in WarmupBaskets.SelectMany(b => b.Lines))
        {
            units[line.ProductId] = units.GetValueOrDefault(line.ProductId) + line.Quantity;
        }

        foreach (var line in Shoppers.SelectMany(s => s.Lines))
        {
            units[line.ProductId] = units.GetValueOrDefault(line.ProductId) + (long)line.Quantity * replays;
        }

        return units;
    }
}
