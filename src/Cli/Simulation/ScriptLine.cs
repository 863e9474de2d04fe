namespace Aisle.Cli.Simulation;

/// <summary>One real purchase line a simulated shopper walks: the product, its name (for search), and how many.</summary>
public sealed record ScriptLine(string ProductId, string Name, int Quantity);
