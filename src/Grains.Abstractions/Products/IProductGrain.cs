using Aisle.Users;
using Orleans.Concurrency;

namespace Aisle.Products;

/// <summary>
/// The single writer of one product's price, stock, popularity counters and co-interaction neighbours
/// (key: product id). Reads on the request path go to the per-silo catalog replica instead.
/// </summary>
public interface IProductGrain : IGrainWithStringKey
{
    Task<ProductSnapshot?> GetAsync();

    Task<ProductSnapshot?> SetPriceAsync(decimal price);

    Task<ProductSnapshot?> SetStockAsync(int stock);

    /// <summary>Takes <paramref name="quantity"/> units if that many are in stock; all or nothing.</summary>
    Task<Reservation> TryReserveAsync(int quantity);

    /// <summary>Adds shoppers' recent activity: counters, co-interaction links and "touched next" transitions. Fire and
    /// forget: counters are best-effort, the shopper's profile is the durable record.</summary>
    [OneWay]
    Task RecordActivityAsync(ProductActivity activity);
}
