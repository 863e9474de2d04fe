namespace Aisle.Products;

/// <summary>The live, changing part of a product, as its grain last wrote it.</summary>
/// <param name="Price">Selling price; null when unknown.</param>
/// <param name="Popularity">Decayed weighted count of views, carts and purchases at <see cref="AsOf"/>.</param>
/// <param name="Neighbours">Products most often interacted with right before or after this one, strongest first.</param>
[GenerateSerializer, Immutable]
public sealed record ProductSnapshot(
    [property: Id(0)] string ProductId,
    [property: Id(1)] decimal? Price,
    [property: Id(2)] int Stock,
    [property: Id(3)] double Views,
    [property: Id(4)] double Carts,
    [property: Id(5)] double Purchases,
    [property: Id(6)] double Popularity,
    [property: Id(7)] IReadOnlyList<string> Neighbours,
    [property: Id(8)] DateTimeOffset AsOf,
    [property: Id(9)] long Version)
{
    /// <summary>Decayed link strength of each of <see cref="Neighbours"/>, same order; empty from older writers.</summary>
    [Id(10)] public IReadOnlyList<double> NeighbourWeights { get; init; } = [];

    /// <summary>Decayed total of every co-interaction link this product took part in, kept or evicted: the
    /// normaliser that turns a link weight into "how often, given this product".</summary>
    [Id(11)] public double LinkTotal { get; init; }

    /// <summary>Products shoppers touched right after this one, strongest first (sequential transitions).</summary>
    [Id(12)] public IReadOnlyList<string> Next { get; init; } = [];

    /// <summary>Decayed transition strength of each of <see cref="Next"/>, same order.</summary>
    [Id(13)] public IReadOnlyList<double> NextWeights { get; init; } = [];

    /// <summary>Decayed total of every transition out of this product.</summary>
    [Id(14)] public double NextTotal { get; init; }
}

/// <summary>Result of a stock reservation: never more than what was in stock.</summary>
[GenerateSerializer, Immutable]
public sealed record Reservation(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] int StockLeft);
