using Aisle.Products;

namespace Aisle.Tests.Grains;

/// <summary>
/// A product applies each delivery of activity once: a resent delivery, a chain resent after a gap and a replay of
/// a crashed silo's outbox records each add exactly what was not there yet.
/// </summary>
public sealed class ProductActivityDeliveryTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private const string Source = "127.0.0.1:11111@1";

    private static ProductActivity Views(double views, long max, long previous, long through, params long[] above) =>
        new(DateTimeOffset.UtcNow, views, 0, 0, views, [], []) { Mark = new ActivityMark(Source, max, previous, through, above) };

    private static ReplayedActivity Record(long sequence, double views) =>
        new(sequence, new ProductActivity(DateTimeOffset.UtcNow, views, 0, 0, views, [], []));

    private async Task<double> ViewsOf(string id) => (await fixture.Product(id).GetAsync())!.Views;

    [Fact]
    public async Task ADeliverySentTwiceCountsOnce()
    {
        var product = fixture.Product("delivery-twice");
        var delivery = Views(3, max: 2, previous: 0, through: 2);

        Assert.True(await product.RecordActivityAsync([delivery]));
        Assert.True(await product.RecordActivityAsync([delivery]));

        Assert.Equal(3, await ViewsOf("delivery-twice"), 3);
    }

    [Fact]
    public async Task ADeliveryPastAMissingOneIsRefusedUntilTheChainFillsTheGapAndConfirmedActivitySurvivesDeactivation()
    {
        var product = fixture.Product("delivery-gap");
        var first = Views(2, max: 2, previous: 0, through: 2);
        var second = Views(5, max: 4, previous: 2, through: 4);

        Assert.False(await product.RecordActivityAsync([second]));
        Assert.Equal(0, await ViewsOf("delivery-gap"), 3);

        Assert.True(await product.RecordActivityAsync([first, second]));
        await product.ConfirmActivityAsync([first, second]);
        await fixture.Cluster.DeactivateAsync(product);

        Assert.Equal(7, await ViewsOf("delivery-gap"), 3);
        Assert.True(await product.RecordActivityAsync([first, second]));
        Assert.Equal(7, await ViewsOf("delivery-gap"), 3);
    }

    [Fact]
    public async Task AReplaySkipsTheRecordsADeliveryAlreadyBrought()
    {
        var product = fixture.Product("delivery-replay");
        // Records 1 and 3 were delivered while record 2 was still being written.
        Assert.True(await product.RecordActivityAsync([Views(2, max: 3, previous: 0, through: 1, above: [3])]));

        ReplayedActivity[] outbox = [Record(1, 1), Record(2, 4), Record(3, 1), Record(4, 10)];
        await product.RecoverActivityAsync(Source, outbox, through: 4);
        await product.RecoverActivityAsync(Source, outbox, through: 4);

        Assert.Equal(2 + 4 + 10, await ViewsOf("delivery-replay"), 3);
    }
}
