namespace Aisle.Users;

/// <summary>
/// A shopper's part in one experiment, stored with the profile: the variant first served (so the shopper counts once),
/// and the attributed revenue so far (each purchase adds (R + r)² − R² to the variant's Σx², which keeps revenue per
/// shopper's variance exact without a row per shopper).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentMembership(
    [property: Id(0)] string Variant,
    [property: Id(1)] DateTimeOffset FirstServed,
    [property: Id(2)] double Revenue,
    [property: Id(3)] bool Converted);
