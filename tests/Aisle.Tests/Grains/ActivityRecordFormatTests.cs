using Aisle.Products;
using Aisle.Users;

namespace Aisle.Tests.Grains;

public sealed class ActivityRecordFormatTests
{
    private static readonly CatalogKeys Keys = new(GrainTestCatalog.Build().Products);
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 30, 0, TimeSpan.FromHours(5));

    [Fact]
    public void TouchesRoundTripWithTheirLinks()
    {
        ActivityTouch[] touches =
        [
            new("pair-a", InteractionKind.View, 1, At, []),
            new("pair-b", InteractionKind.Purchase, 3, At.AddSeconds(2), [new("pair-a", 1.0 / 3), new("sum-a", 0.25)]),
        ];

        var read = ActivityRecordFormat.Read(ActivityRecordFormat.Write(touches, Keys), Keys);

        Assert.Equal(2, read.Count);
        Assert.Equal(("pair-b", InteractionKind.Purchase, 3), (read[1].ProductId, read[1].Kind, read[1].Quantity));
        Assert.Equal(At.UtcTicks + TimeSpan.TicksPerSecond * 2, read[1].At.UtcTicks);
        Assert.Equal([new ActivityLink("pair-a", 1.0 / 3), new ActivityLink("sum-a", 0.25)], read[1].Earlier);
    }

    [Fact]
    public void ProductsTheCatalogNoLongerHasAreLeftOutWithTheirLinks()
    {
        ActivityTouch[] touches =
        [
            new("gone-product", InteractionKind.View, 1, At, [new("pair-a", 1)]),
            new("pair-b", InteractionKind.View, 1, At, [new("gone-product", 1), new("pair-a", 0.5)]),
        ];

        var read = ActivityRecordFormat.Read(ActivityRecordFormat.Write(touches, Keys), Keys);

        Assert.Equal("pair-b", Assert.Single(read).ProductId);
        Assert.Equal([new ActivityLink("pair-a", 0.5)], read[0].Earlier);
    }

    [Fact]
    public void ATruncatedOrForeignPayloadIsAnErrorNotAWrongAnswer()
    {
        var payload = ActivityRecordFormat.Write([new("pair-a", InteractionKind.View, 1, At, [new("pair-b", 1)])], Keys);

        Assert.Throws<InvalidDataException>(() => ActivityRecordFormat.Read(payload[..^3], Keys));
        Assert.Throws<InvalidDataException>(() => ActivityRecordFormat.Read([42, 1, 2], Keys));
    }
}
