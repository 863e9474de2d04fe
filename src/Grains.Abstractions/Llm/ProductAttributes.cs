namespace Aisle.Llm;

/// <summary>Attributes a shopper asked for, in their words; null where not asked.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductAttributes(
    [property: Id(0)] string? Colour,
    [property: Id(1)] string? Size,
    [property: Id(2)] string? Material)
{
    public static ProductAttributes None { get; } = new(null, null, null);
}
