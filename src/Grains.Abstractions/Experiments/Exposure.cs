namespace Aisle.Experiments;

/// <summary>That a list served to a shopper was ranked by <paramref name="Variant"/> of <paramref name="Experiment"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record Exposure(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Variant);
