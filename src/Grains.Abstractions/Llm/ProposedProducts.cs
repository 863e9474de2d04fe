namespace Aisle.Llm;

/// <summary>A kind of product the model proposes ("science kit"), with the keywords that retrieve it from the catalog.</summary>
[GenerateSerializer, Immutable]
public sealed record ProposedProducts(
    [property: Id(0)] string ProductType,
    [property: Id(1)] string Keywords);
