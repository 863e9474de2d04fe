using Aisle.Products;

namespace Aisle.Catalog;

/// <summary>
/// A <see cref="ProductSnapshot"/> as one silo sends it to another: the linked products as catalog rows instead of
/// ids. A snapshot names up to 200 linked products; as strings they made most of the bytes between silos and, read
/// back as fresh strings on the other side, most of its garbage. Rows mean the same product only on silos that
/// loaded the same catalog, so a batch carries <see cref="CatalogReplica.Fingerprint"/> and is applied only where
/// it matches.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicaUpdate(
    [property: Id(0)] ProductSnapshot Snapshot,
    [property: Id(1)] int[] Neighbours,
    [property: Id(2)] int[] Next)
{
    /// <summary>The snapshot with its links as rows of <paramref name="replica"/> (ids it does not know are dropped).</summary>
    public static ReplicaUpdate From(ProductSnapshot snapshot, CatalogReplica replica) =>
        new(snapshot with { Neighbours = [], Next = [] }, replica.RowsOf(snapshot.Neighbours), replica.RowsOf(snapshot.Next));

    /// <summary>The snapshot again, its link ids taken from <paramref name="replica"/>'s own catalog strings.</summary>
    public ProductSnapshot ToSnapshot(CatalogReplica replica) =>
        Snapshot with { Neighbours = replica.IdsOf(Neighbours), Next = replica.IdsOf(Next) };
}
