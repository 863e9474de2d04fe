namespace Aisle.Query;

/// <summary>A price constraint found in query text and the text with its phrases removed.</summary>
public readonly record struct PriceRange(double? Min, double? Max, string RemainingText);
