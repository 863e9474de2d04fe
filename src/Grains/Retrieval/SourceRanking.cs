namespace Aisle.Retrieval;

/// <summary>One retriever's result for fusion: its name, how much it counts, and product ids best first.</summary>
/// <param name="Source">Name recorded on fused hits, e.g. <c>"vector"</c> or <c>"lexical"</c>.</param>
/// <param name="Weight">Multiplier of this list's reciprocal-rank contributions; lists with weight ≤ 0 are ignored.</param>
/// <param name="Ids">Product ids, best first; an id repeated later in the same list is ignored.</param>
public sealed record SourceRanking(string Source, double Weight, IReadOnlyList<string> Ids);
