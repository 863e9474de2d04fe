using Aisle.Experiments;

namespace Aisle.Users;

/// <summary>A list that reached the shopper: what the user grain needs to demote ignored recommendations and to
/// count the shopper, and the list, for the experiment variant that ranked it.</summary>
/// <param name="Exposure">The experiment and variant that ranked the list; null outside experiments.</param>
[GenerateSerializer, Immutable]
public sealed record ServedList(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ExperimentSurface Surface,
    [property: Id(2)] string[] ProductIds,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] Exposure? Exposure);
