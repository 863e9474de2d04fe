namespace Aisle.Llm;

/// <summary>The answer of an <see cref="IComplementsGrain"/>: the product types that go with its category, or why there are none.</summary>
/// <param name="Cached">True when no model call was made for this answer (it was kept from an earlier one).</param>
[GenerateSerializer, Immutable]
public sealed record Complements(
    [property: Id(0)] LlmOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ComplementaryProducts> Types,
    [property: Id(2)] bool Cached);
