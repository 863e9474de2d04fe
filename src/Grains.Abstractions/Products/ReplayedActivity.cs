namespace Aisle.Products;

/// <summary>What one outbox record of a crashed silo taught one product, replayed at recovery.</summary>
[GenerateSerializer, Immutable]
public sealed record ReplayedActivity([property: Id(0)] long Sequence, [property: Id(1)] ProductActivity Activity);
