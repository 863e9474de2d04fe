namespace Aisle.Retrieval;

/// <summary>A fused result: product id, fused score and every list that contributed with the 1-based rank it gave.</summary>
public sealed record FusedHit(string Id, double Score, IReadOnlyList<FusionSource> Sources);

/// <summary>One list's contribution to a fused hit.</summary>
/// <param name="Rank">1-based position of the product in that list.</param>
public sealed record FusionSource(string Source, int Rank);
