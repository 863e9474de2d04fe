namespace Aisle.Llm;

/// <summary>One <see cref="ComplementsPrompt"/> per loaded catalog.</summary>
public sealed class ComplementsPrompts() : PerCatalog<ComplementsPrompt>(dictionary => new ComplementsPrompt(dictionary));
