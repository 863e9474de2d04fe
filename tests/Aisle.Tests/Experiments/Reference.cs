namespace Aisle.Tests.Experiments;

internal static class Reference
{
    /// <summary>Asserts |actual − expected| ≤ relative · |expected| (relative, so tiny p-values are checked to their digits).</summary>
    public static void Close(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"Expected {expected:R} within {relative:R} relative, got {actual:R}.");
}
