using Aisle.Products;

namespace Aisle.Tests.Grains;

/// <summary>The product grain: the single writer of a product's stock and price, mirrored into the replica.</summary>
public sealed class ProductGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task ConcurrentReservationsNeverSellMoreThanTheStock()
    {
        const string id = "race-10";
        var grain = fixture.Product(id);
        var initial = (await grain.GetAsync())!.Stock;

        var reservations = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => grain.TryReserveAsync(1)));
        var snapshot = await grain.GetAsync();

        var granted = reservations.Where(r => r.Succeeded).ToArray();
        Assert.Equal(10, initial);
        Assert.Equal(10, granted.Length);
        Assert.Equal(990, reservations.Count(r => !r.Succeeded));
        // Each grant saw the stock one lower than the one before: no two grants shared a unit.
        Assert.Equal(Enumerable.Range(0, 10), granted.Select(r => r.StockLeft).Order());
        Assert.All(reservations.Where(r => !r.Succeeded), r => Assert.Equal(0, r.StockLeft));
        Assert.Equal(0, snapshot!.Stock);
        Assert.Equal(0, fixture.Replica.Stock(fixture.Row(id)));
    }

    [Fact]
    public async Task ReservationBeyondStockOrOfNoUnitsFailsAndChangesNothing()
    {
        const string id = "limits-5";
        var grain = fixture.Product(id);
        var before = (await grain.GetAsync())!;

        var tooMany = await grain.TryReserveAsync(before.Stock + 1);
        var zero = await grain.TryReserveAsync(0);
        var negative = await grain.TryReserveAsync(-3);
        var after = (await grain.GetAsync())!;
        var replicaAfter = fixture.Replica.Stock(fixture.Row(id));
        var all = await grain.TryReserveAsync(before.Stock);

        Assert.Equal(5, before.Stock);
        Assert.False(tooMany.Succeeded);
        Assert.Equal(5, tooMany.StockLeft);
        Assert.False(zero.Succeeded);
        Assert.False(negative.Succeeded);
        Assert.Equal(5, after.Stock);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(5, replicaAfter);
        // The refusals were about the amount, not a broken grain: the whole stock can still be taken.
        Assert.True(all.Succeeded);
        Assert.Equal(0, all.StockLeft);
    }

    [Fact]
    public async Task PriceAndStockChangesReachTheSnapshotAndTheReplica()
    {
        const string id = "price-a";
        var grain = fixture.Product(id);
        var row = fixture.Row(id);
        var before = (await grain.GetAsync())!;

        var priced = await grain.SetPriceAsync(123.45m);
        var replicaPrice = fixture.Replica.Price(row);
        var stocked = await grain.SetStockAsync(42);
        var replicaStock = fixture.Replica.Stock(row);
        var read = await grain.GetAsync();

        Assert.Equal(250m, before.Price);
        Assert.Equal(3, before.Stock);
        Assert.Equal(123.45m, priced!.Price);
        Assert.Equal(123.45, replicaPrice);
        Assert.Equal(42, stocked!.Stock);
        Assert.Equal(123.45m, stocked.Price);
        Assert.Equal(42, replicaStock);
        Assert.Equal(123.45m, read!.Price);
        Assert.Equal(42, read.Stock);
        Assert.True(stocked.Version > priced.Version);
    }

    [Fact]
    public async Task UnknownProductAnswersNullAndReservesNothing()
    {
        var grain = fixture.Product("not-in-catalog-" + Guid.NewGuid().ToString("N"));

        var read = await grain.GetAsync();
        var priced = await grain.SetPriceAsync(10m);
        var stocked = await grain.SetStockAsync(10);
        var reservation = await grain.TryReserveAsync(1);

        Assert.Null(read);
        Assert.Null(priced);
        Assert.Null(stocked);
        Assert.False(reservation.Succeeded);
    }

    [Fact]
    public async Task PriceAndStockSurviveDeactivation()
    {
        const string id = "persist-product";
        var grain = fixture.Product(id);
        await grain.SetPriceAsync(999m);
        await grain.SetStockAsync(7);
        await grain.TryReserveAsync(2);
        var beforeDeactivation = (await grain.GetAsync())!;

        await fixture.Cluster.DeactivateAsync(grain);
        var activeAfterDeactivation = fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out _);
        var reactivated = (await grain.GetAsync())!;

        Assert.False(activeAfterDeactivation);
        Assert.Equal(999m, reactivated.Price);
        Assert.Equal(5, reactivated.Stock);
        Assert.Equal(beforeDeactivation.Version, reactivated.Version);
    }
}
