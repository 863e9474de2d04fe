using System.Collections.Immutable;
using Aisle.Products;

namespace Aisle.Tests.Grains;

public sealed class AppliedActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADeliveryCoversEverythingUpToItsCompletePointAndItsRecordsAbove()
    {
        var applied = AppliedActivity.None.With(new ActivityMark("s", 9, 0, 5, [7, 9]), Now);

        Assert.All(new long[] { 1, 5, 7, 9 }, s => Assert.True(applied.Contains(s)));
        Assert.All(new long[] { 6, 8, 10 }, s => Assert.False(applied.Contains(s)));
    }

    [Fact]
    public void RecordsAboveAreForgottenOnceTheCompletePointPassesThem()
    {
        var applied = AppliedActivity.None
            .With(new ActivityMark("s", 9, 0, 5, [7, 9]), Now)
            .With(new ActivityMark("s", 12, 9, 8, [12]), Now)
            .With(6, Now);

        Assert.Equal(8, applied.Through);
        Assert.Equal([9L, 12L], applied.Above.ToArray());
        Assert.Equal(12, applied.CompleteTo(12, Now).Through);
        Assert.Empty(applied.CompleteTo(12, Now).Above);
    }

    [Fact]
    public void OnlyTheMostRecentlyUpdatedSourcesAreKept()
    {
        var many = Enumerable.Range(0, AppliedActivity.MaxSources + 3)
            .ToImmutableDictionary(i => $"s{i}", i => AppliedActivity.None.CompleteTo(1, Now.AddMinutes(i)));

        var kept = AppliedActivity.Bounded(many);

        Assert.Equal(AppliedActivity.MaxSources, kept.Count);
        Assert.DoesNotContain("s0", kept.Keys);
        Assert.DoesNotContain("s2", kept.Keys);
        Assert.Contains("s3", kept.Keys);
    }
}
