namespace Aisle.Products;

/// <summary>
/// Which outbox records one delivery of <see cref="ProductActivity"/> sums, so the product applies it exactly once:
/// after a timeout and a resend, and after a silo crash when the outbox is replayed record by record.
/// </summary>
/// <param name="Source">The silo incarnation that numbered the records (its outbox source).</param>
/// <param name="Max">The highest record number summed in this delivery: the delivery's identity.</param>
/// <param name="Previous">The <see cref="Max"/> of the delivery sent to the same product just before this one, or 0
/// when that one is durably confirmed: a product that has not applied it lost it (its silo crashed) and asks for the
/// chain again instead of applying this one past the gap.</param>
/// <param name="CompleteThrough">Every record of the source up to this number touching this product is in this
/// delivery or an earlier one.</param>
/// <param name="Above">The records of this delivery numbered above <see cref="CompleteThrough"/> (written while a
/// lower-numbered one was still in flight).</param>
[GenerateSerializer, Immutable]
public sealed record ActivityMark(
    [property: Id(0)] string Source,
    [property: Id(1)] long Max,
    [property: Id(2)] long Previous,
    [property: Id(3)] long CompleteThrough,
    [property: Id(4)] long[] Above);
