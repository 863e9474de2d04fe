namespace Aisle.Llm;

/// <summary>
/// What the language model read in a search, already checked against the catalog: the category is one of the catalog's
/// paths and the brand one of its brands, each in the catalog's spelling.
/// </summary>
/// <param name="ProductType">The kind of product asked for ("running shoes"), in the model's words.</param>
/// <param name="Category">A category path prefix of the catalog (<c>A</c> or <c>A &gt; B</c>).</param>
/// <param name="Brand">A catalog brand.</param>
/// <param name="Gender"><c>Men</c>, <c>Women</c>, <c>Boys</c>, <c>Girls</c>, <c>Kids</c> or <c>Unisex</c>.</param>
/// <param name="Keywords">The query rewritten as search keywords.</param>
/// <param name="Confidence">The model's own confidence in [0, 1].</param>
/// <param name="NamesNeed">True when the query names a need ("things for a new puppy") rather than a product.</param>
/// <param name="Proposals">Product types that would meet the need, each with keywords to retrieve them by.</param>
[GenerateSerializer, Immutable]
public sealed record QueryInterpretation(
    [property: Id(0)] string? ProductType,
    [property: Id(1)] string? Category,
    [property: Id(2)] string? Brand,
    [property: Id(3)] double? MinPrice,
    [property: Id(4)] double? MaxPrice,
    [property: Id(5)] string? Gender,
    [property: Id(6)] ProductAttributes Attributes,
    [property: Id(7)] string Keywords,
    [property: Id(8)] double Confidence,
    [property: Id(9)] bool NamesNeed,
    [property: Id(10)] IReadOnlyList<ProposedProducts> Proposals);
