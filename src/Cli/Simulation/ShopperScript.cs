namespace Aisle.Cli.Simulation;

/// <summary>A real customer's purchase lines, in time order (baskets oldest first, lines in invoice order).</summary>
public sealed record ShopperScript(string CustomerId, IReadOnlyList<ScriptLine> Lines);
