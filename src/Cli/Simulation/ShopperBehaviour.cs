namespace Aisle.Cli.Simulation;

/// <summary>How a simulated shopper reacts when its next item is not in the recommendations.</summary>
/// <param name="SearchShare">Chance it searches for the item (by 2–3 words of its name).</param>
/// <param name="LeaveShare">Chance, when it still has not found the item in Aisle, that it leaves the shop for good
/// instead of buying the item elsewhere (recorded as a view, which still teaches its profile).</param>
public sealed record ShopperBehaviour(double SearchShare = 0.5, double LeaveShare = 0.1);
