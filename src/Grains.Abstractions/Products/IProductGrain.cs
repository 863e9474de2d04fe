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

    /// <summary>Counts an interaction and links it to the product the shopper touched just before. Fire and forget:
    /// counters are best-effort, the shopper's profile is the durable record.</summary>
    [OneWay]
    Task RecordInteractionAsync(InteractionKind kind, int quantity, string? previousProductId, DateTimeOffset at);

    /// <summary>Strengthens the co-interaction link to <paramref name="otherProductId"/>.</summary>
    [OneWay]
    Task LinkAsync(string otherProductId, double weight, DateTimeOffset at);

    /// <summary>Records that a shopper touched <paramref name="nextProductId"/> after this product (weight falls with
    /// the distance); also strengthens the co-interaction link between the two.</summary>
    [OneWay]
    Task FollowedByAsync(string nextProductId, double weight, DateTimeOffset at);
}
