namespace Aisle.Retrieval;

/// <summary>A lexical search result: product id and BM25 score (higher is better; comparable only within one query).</summary>
public sealed record LexicalHit(string Id, float Score);
