namespace Aisle.Llm;

/// <summary>One <see cref="QueryInterpretationPrompt"/> per loaded catalog.</summary>
public sealed class QueryInterpretationPrompts() : PerCatalog<QueryInterpretationPrompt>(dictionary => new QueryInterpretationPrompt(dictionary));
