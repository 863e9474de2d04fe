namespace Aisle.Recommendations;

/// <summary>The rule set an admin saved and its version: 1 for the first save, one more for each save after it.
/// Version 0 means nothing was saved, so every silo applies its configuration's rules (<c>Aisle:Rules</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record SavedRules(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<BusinessRule> Rules);
