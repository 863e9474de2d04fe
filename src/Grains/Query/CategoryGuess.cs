namespace Aisle.Query;

/// <summary>A category inferred from query words.</summary>
/// <param name="Path">Category path prefix, <c>A</c> or <c>A &gt; B</c>, as spelled in the catalog.</param>
/// <param name="Terms">The analysed query terms the guess rests on.</param>
/// <param name="Share">Share of the products matching those terms that lie in the top-level category.</param>
public sealed record CategoryGuess(string Path, IReadOnlyList<string> Terms, double Share);
