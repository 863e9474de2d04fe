using Aisle.Users;

namespace Aisle.Tests.Grains;

/// <summary>Client event ids: a retried event is applied once, across a batch, a retry and a deactivation.</summary>
public sealed class EventRetryTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static string NewUserId() => "retry-" + Guid.NewGuid().ToString("N");

    private static ShopperEvent Event(InteractionKind kind, string productId, DateTimeOffset at, string? eventId) =>
        new(kind, productId, null, 1, at, null, eventId);

    [Fact]
    public async Task ARetriedBatchChangesNothingAndReservesStockOnce()
    {
        var user = fixture.User(NewUserId());
        var now = DateTimeOffset.UtcNow;
        ShopperEvent[] batch =
        [
            Event(InteractionKind.View, "profile-a", now, "e-1"),
            Event(InteractionKind.Purchase, "purchase-stocked", now.AddSeconds(1), "e-2"),
        ];

        var first = await user.RecordAsync(batch);
        var afterFirst = await user.GetProfileAsync();
        var retry = await user.RecordAsync(batch);
        var afterRetry = await user.GetProfileAsync();

        Assert.All(first, o => Assert.True(o.Accepted && !o.Duplicate));
        Assert.All(retry, o => Assert.True(o.Accepted && o.Duplicate));
        Assert.Equal(2, afterFirst.EventCount);
        Assert.Equal(2, afterRetry.EventCount);
        Assert.Equal(afterFirst.Recent, afterRetry.Recent);
        Assert.Equal(4, (await fixture.Product("purchase-stocked").GetAsync())!.Stock);
    }

    [Fact]
    public async Task AnIdRepeatedInOneBatchIsAppliedOnceAndEventsWithoutIdsEveryTime()
    {
        var user = fixture.User(NewUserId());
        var now = DateTimeOffset.UtcNow;

        var outcomes = await user.RecordAsync(
        [
            Event(InteractionKind.View, "profile-a", now, "same"),
            Event(InteractionKind.View, "profile-a", now, "same"),
            Event(InteractionKind.View, "profile-a", now, null),
            Event(InteractionKind.View, "profile-a", now, null),
        ]);

        Assert.Equal([false, true, false, false], outcomes.Select(o => o.Duplicate));
        Assert.Equal(3, (await user.GetProfileAsync()).EventCount);
    }

    [Fact]
    public async Task RememberedIdsSurviveDeactivation()
    {
        var user = fixture.User(NewUserId());
        var view = Event(InteractionKind.View, "profile-a", DateTimeOffset.UtcNow, "kept-" + Guid.NewGuid().ToString("N"));
        await user.RecordAsync([view]);

        await fixture.Cluster.DeactivateAsync(user);
        var retry = await user.RecordAsync([view]);

        Assert.True(retry[0].Duplicate);
        Assert.Equal(1, (await user.GetProfileAsync()).EventCount);
    }

    [Fact]
    public async Task ARejectedEventIsNotRememberedSoItsRetryCanSucceed()
    {
        var user = fixture.User(NewUserId());
        var purchase = Event(InteractionKind.Purchase, "purchase-soldout", DateTimeOffset.UtcNow, "buy-1");

        var refused = await user.RecordAsync([purchase]);
        await fixture.Product("purchase-soldout").SetStockAsync(1);
        var retried = await user.RecordAsync([purchase]);

        Assert.False(refused[0].Accepted);
        Assert.True(retried[0].Accepted);
        Assert.False(retried[0].Duplicate);
        Assert.Equal(0, (await fixture.Product("purchase-soldout").GetAsync())!.Stock);
    }
}
