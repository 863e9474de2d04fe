namespace Aisle.Learning;

/// <summary>
/// A trained next-item model as serving needs it: for each item it knows, its best next items with their affinity,
/// and each item's bias. Published by the training grain and held by every silo; immutable, so a silo swaps the whole
/// snapshot in one reference write and a request in flight keeps the one it started with.
/// </summary>
/// <param name="Version">1, 2, … in the order the training grain published them.</param>
/// <param name="Items">Product ids the model knows; index i below is Items[i].</param>
/// <param name="Kept">Neighbours kept per item (the stride of <paramref name="Neighbours"/> and <paramref name="Affinities"/>).</param>
/// <param name="Neighbours">Items × Kept indexes into <paramref name="Items"/>, best first; −1 pads a short list.</param>
/// <param name="Affinities">The context part of each neighbour's score (In[item] · Out[neighbour]).</param>
/// <param name="Bias">Each item's score as a next item before any context (its learned popularity).</param>
/// <param name="Context">Latest distinct products of a shopper the model reads.</param>
/// <param name="ContextDecay">Weight of each older context product relative to the next newer one.</param>
/// <param name="HeldBack">How the model scored on the held-back slice when it was published.</param>
[GenerateSerializer, Immutable]
public sealed record ItemModel(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset TrainedAt,
    [property: Id(2)] string[] Items,
    [property: Id(3)] int Kept,
    [property: Id(4)] int[] Neighbours,
    [property: Id(5)] float[] Affinities,
    [property: Id(6)] float[] Bias,
    [property: Id(7)] int Context,
    [property: Id(8)] double ContextDecay,
    [property: Id(9)] HeldBackScore HeldBack);

/// <summary>HR@10 and NDCG@10 of a model predicting each held-back shopper's last item from the ones before it.</summary>
[GenerateSerializer, Immutable]
public sealed record HeldBackScore(
    [property: Id(0)] double HitRate10,
    [property: Id(1)] double Ndcg10,
    [property: Id(2)] int Shoppers)
{
    public static HeldBackScore None { get; } = new(0, 0, 0);

    /// <summary>The figure compared when a new model competes with the one in service.</summary>
    public double Objective => HitRate10 + Ndcg10;
}
