namespace Aisle.Llm;

/// <summary>The answer of a <see cref="IQueryInterpretationGrain"/>: the model's reading, or why there is none.</summary>
/// <param name="Cached">True when no model call was made for this answer (it was kept from an earlier one).</param>
[GenerateSerializer, Immutable]
public sealed record Interpretation(
    [property: Id(0)] LlmOutcome Outcome,
    [property: Id(1)] QueryInterpretation? Reading,
    [property: Id(2)] bool Cached);
