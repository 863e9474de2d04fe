using Aisle.Users;

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

    /// <summary>Adds shoppers' recent activity (counters, co-interaction links and "touched next" transitions) from
    /// one silo's chain of deliveries, in order, skipping the ones already applied. False when the product does not
    /// hold the delivery before the first new one (its silo crashed since): the sender then resends its whole
    /// unconfirmed chain.</summary>
    Task<bool> RecordActivityAsync(ProductActivity[] deliveries);

    /// <summary>Applies whichever of <paramref name="deliveries"/> (a silo's whole unconfirmed chain) are missing and
    /// writes the state durably: afterwards the outbox records they sum may be deleted.</summary>
    Task ConfirmActivityAsync(ProductActivity[] deliveries);

    /// <summary>Replays the outbox records of a crashed silo (<paramref name="source"/>) that touched this product,
    /// skipping the ones already applied, and writes durably. Every record of the source up to
    /// <paramref name="through"/> that touched this product has been offered once this returns.</summary>
    Task RecoverActivityAsync(string source, ReplayedActivity[] records, long through);
}
