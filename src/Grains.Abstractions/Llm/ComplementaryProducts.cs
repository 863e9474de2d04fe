namespace Aisle.Llm;

/// <summary>
/// A kind of product that goes with another ("phone" → "screen guard"), as the model proposed it: the keywords that
/// retrieve it from the catalog and, when the model named one, the catalog category it is found in.
/// </summary>
/// <param name="Category">A category path prefix of the catalog (<c>A</c> or <c>A &gt; B</c>), checked against it; null
/// when the model did not say.</param>
[GenerateSerializer, Immutable]
public sealed record ComplementaryProducts(
    [property: Id(0)] string ProductType,
    [property: Id(1)] string Keywords,
    [property: Id(2)] string? Category);
