using Aisle.Shopping;

namespace Aisle.Tests.Shopping;

/// <summary>The cart grain on a real silo: edits checked against the replica, checkout through the user and product
/// grains, idempotent by order id, and stored.</summary>
public sealed class CartGrainTests(ShoppingClusterFixture fixture) : IClassFixture<ShoppingClusterFixture>
{
    private static string NewShopperId() => "shopper-" + Guid.NewGuid().ToString("N");

    private static string NewOrderId() => "order-" + Guid.NewGuid().ToString("N");

    /// <summary>Orders compared by content: records holding lists compare those lists by reference.</summary>
    private static void AssertSameOrder(Order expected, Order? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.OrderId, expected.PlacedAt, expected.Status), (actual.OrderId, actual.PlacedAt, actual.Status));
        Assert.Equal(expected.Lines, actual.Lines);
    }

    [Fact]
    public async Task AddingAProductTwiceMergesIntoOneLineThatKeepsTheFirstRequestId()
    {
        var cart = fixture.Cart(NewShopperId());

        var first = await cart.AddAsync("cart-edit-a", 1, "list-1");
        var other = await cart.AddAsync("cart-edit-b", 2, null);
        var again = await cart.AddAsync("cart-edit-a", 3, "list-2");
        var read = await cart.GetAsync();

        Assert.Null(first.Error);
        Assert.Null(other.Error);
        Assert.Null(again.Error);
        Assert.Equal(["cart-edit-a", "cart-edit-b"], read.Lines.Select(l => l.ProductId));
        Assert.Equal([4, 2], read.Lines.Select(l => l.Quantity));
        Assert.Equal("list-1", read.Lines[0].RequestId);
        Assert.Null(read.Lines[1].RequestId);
        Assert.Equal(first.Cart.Lines[0].AddedAt, read.Lines[0].AddedAt);
        Assert.Equal(6, read.Count);
        Assert.Equal(read.Lines, again.Cart.Lines);
    }

    [Fact]
    public async Task SettingAQuantityChangesTheLineAndZeroOrRemoveTakesItOut()
    {
        var cart = fixture.Cart(NewShopperId());
        await cart.AddAsync("cart-edit-a", 1, "list-1");
        await cart.AddAsync("cart-edit-b", 1, "list-1");

        var set = await cart.SetQuantityAsync("cart-edit-a", 5);
        var zero = await cart.SetQuantityAsync("cart-edit-a", 0);
        var removed = await cart.RemoveAsync("cart-edit-b");
        var removedAgain = await cart.RemoveAsync("cart-edit-b");

        Assert.Null(set.Error);
        Assert.Equal([5, 1], set.Cart.Lines.Select(l => l.Quantity));
        Assert.Equal("list-1", set.Cart.Lines[0].RequestId);
        Assert.Null(zero.Error);
        Assert.Equal(["cart-edit-b"], zero.Cart.Lines.Select(l => l.ProductId));
        Assert.Empty(removed.Lines);
        Assert.Equal(0, removed.Count);
        Assert.Empty(removedAgain.Lines);
        Assert.Empty((await cart.GetAsync()).Lines);
    }

    [Fact]
    public async Task ASoldOutProductIsRefusedAndTheCartIsUnchanged()
    {
        var cart = fixture.Cart(NewShopperId());
        await cart.AddAsync("cart-edit-a", 1, null);

        var added = await cart.AddAsync("cart-soldout", 1, "list-1");
        var set = await cart.SetQuantityAsync("cart-soldout", 1);
        var unknown = await cart.AddAsync("no-such-product", 1, null);

        Assert.Equal("Sold out", added.Error);
        Assert.Equal("Sold out", set.Error);
        Assert.Equal("Unknown product 'no-such-product'", unknown.Error);
        Assert.Equal(["cart-edit-a"], added.Cart.Lines.Select(l => l.ProductId));
        Assert.Equal(["cart-edit-a"], (await cart.GetAsync()).Lines.Select(l => l.ProductId));
    }

    [Fact]
    public async Task AskingForMoreThanTheStockIsRefusedWithWhatIsLeft()
    {
        var cart = fixture.Cart(NewShopperId());

        var tooMany = await cart.AddAsync("cart-few", 4, null);
        var two = await cart.AddAsync("cart-few", 2, null);
        var twoMore = await cart.AddAsync("cart-few", 2, null);
        var setTooMany = await cart.SetQuantityAsync("cart-few", 4);
        var outOfRange = await cart.AddAsync("cart-few", 0, null);

        Assert.Equal("Only 3 left", tooMany.Error);
        Assert.Empty(tooMany.Cart.Lines);
        Assert.Null(two.Error);
        Assert.Equal("Only 3 left", twoMore.Error);
        Assert.Equal("Only 3 left", setTooMany.Error);
        Assert.NotNull(outOfRange.Error);
        Assert.Equal(2, (await cart.GetAsync()).Count);
    }

    [Fact]
    public async Task CheckoutBuysEveryLineReservesTheStockAndTheProfileHasThePurchase()
    {
        var shopper = NewShopperId();
        var cart = fixture.Cart(shopper);
        var orderId = NewOrderId();
        await cart.AddAsync("cart-buy-a", 2, "list-a");
        await cart.AddAsync("cart-buy-b", 1, "list-b");

        var result = await cart.CheckoutAsync(orderId);
        var profile = await fixture.User(shopper).GetProfileAsync();

        Assert.False(result.Repeated);
        Assert.False(result.CartWasEmpty);
        Assert.Null(result.Notice);
        Assert.Equal(OrderStatus.Placed, result.Order.Status);
        Assert.True(result.Order.AnyBought);
        Assert.All(result.Order.Lines, l => Assert.True(l.Bought));
        Assert.All(result.Order.Lines, l => Assert.Null(l.Refusal));
        Assert.Equal(["list-a", "list-b"], result.Order.Lines.Select(l => l.RequestId));
        Assert.Equal("Test product cart-buy-a", result.Order.Lines[0].Name);
        Assert.Equal([100m, 250m], result.Order.Lines.Select(l => l.UnitPrice));
        Assert.Equal(2 * 100m + 250m, result.Order.Total);
        Assert.Equal(8, await fixture.StockAsync("cart-buy-a"));
        Assert.Equal(9, await fixture.StockAsync("cart-buy-b"));
        Assert.Contains("cart-buy-a", profile.Purchased);
        Assert.Contains("cart-buy-b", profile.Purchased);
        Assert.Empty((await cart.GetAsync()).Lines);
        AssertSameOrder(result.Order, await cart.GetOrderAsync(orderId));
        Assert.Equal([orderId], (await cart.GetOrdersAsync()).Select(o => o.OrderId));
    }

    [Fact]
    public async Task ALineThatSoldOutMeanwhileIsRefusedAndStaysInTheCartWhileTheOtherIsBought()
    {
        var cart = fixture.Cart(NewShopperId());
        await cart.AddAsync("cart-meanwhile-gone", 2, "list-gone");
        await cart.AddAsync("cart-meanwhile-kept", 3, "list-kept");
        await fixture.Product("cart-meanwhile-gone").SetStockAsync(0);

        var result = await cart.CheckoutAsync(NewOrderId());
        var after = await cart.GetAsync();

        var gone = result.Order.Lines.Single(l => l.ProductId == "cart-meanwhile-gone");
        var kept = result.Order.Lines.Single(l => l.ProductId == "cart-meanwhile-kept");
        Assert.False(gone.Bought);
        Assert.Equal("Sold out — 0 left", gone.Refusal);
        Assert.True(kept.Bought);
        Assert.Equal(3 * 40m, result.Order.Total);
        Assert.Equal(0, await fixture.StockAsync("cart-meanwhile-gone"));
        Assert.Equal(7, await fixture.StockAsync("cart-meanwhile-kept"));
        var line = Assert.Single(after.Lines);
        Assert.Equal(("cart-meanwhile-gone", 2, "list-gone"), (line.ProductId, line.Quantity, line.RequestId));
    }

    [Fact]
    public async Task TheSameOrderIdTwiceBuysOnce()
    {
        var cart = fixture.Cart(NewShopperId());
        var orderId = NewOrderId();
        await cart.AddAsync("cart-twice", 2, null);

        var first = await cart.CheckoutAsync(orderId);
        // Refilled cart: a repeat must still answer the first order, not buy what is in the cart now.
        await cart.AddAsync("cart-twice", 1, null);
        var second = await cart.CheckoutAsync(orderId);

        Assert.False(first.Repeated);
        Assert.True(second.Repeated);
        AssertSameOrder(first.Order, second.Order);
        Assert.Equal(8, await fixture.StockAsync("cart-twice"));
        Assert.Equal(1, (await cart.GetAsync()).Count);
        Assert.Single(await cart.GetOrdersAsync());
    }

    [Fact]
    public async Task TheSameOrderIdSentConcurrentlyBuysOnce()
    {
        var cart = fixture.Cart(NewShopperId());
        var orderId = NewOrderId();
        await cart.AddAsync("cart-race", 3, null);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cart.CheckoutAsync(orderId)));

        Assert.Single(results, r => !r.Repeated);
        Assert.All(results, r => AssertSameOrder(results[0].Order, r.Order));
        Assert.True(results[0].Order.AnyBought);
        Assert.Equal(7, await fixture.StockAsync("cart-race"));
        Assert.Single(await cart.GetOrdersAsync());
    }

    [Fact]
    public async Task CheckoutOfAnEmptyCartBuysNothingAndKeepsTheOrderIdFree()
    {
        var cart = fixture.Cart(NewShopperId());
        var orderId = NewOrderId();

        var empty = await cart.CheckoutAsync(orderId);
        await cart.AddAsync("cart-empty", 1, null);
        var real = await cart.CheckoutAsync(orderId);

        Assert.True(empty.CartWasEmpty);
        Assert.Equal("Your cart is empty", empty.Notice);
        Assert.False(empty.Repeated);
        Assert.False(empty.Order.AnyBought);
        Assert.Equal(0m, empty.Order.Total);
        Assert.False(real.Repeated);
        Assert.True(real.Order.AnyBought);
        Assert.Equal(9, await fixture.StockAsync("cart-empty"));
    }

    [Fact]
    public async Task TheCartAndOrdersSurviveDeactivation()
    {
        var cart = fixture.Cart(NewShopperId());
        var orderId = NewOrderId();
        await cart.AddAsync("cart-persist", 1, "list-1");
        var placed = await cart.CheckoutAsync(orderId);
        await cart.AddAsync("cart-persist", 2, "list-2");
        var before = await cart.GetAsync();

        await fixture.Cluster.DeactivateAsync(cart);
        var stillActive = fixture.Cluster.TryGetGrainContext(cart.GetGrainId(), out _);
        var after = await cart.GetAsync();
        var orders = await cart.GetOrdersAsync();
        var repeat = await cart.CheckoutAsync(orderId);

        Assert.False(stillActive);
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal([orderId], orders.Select(o => o.OrderId));
        AssertSameOrder(placed.Order, orders[0]);
        Assert.True(repeat.Repeated);
        Assert.Equal(9, await fixture.StockAsync("cart-persist"));
    }

    [Fact]
    public async Task ACheckoutWhoseOutcomeWasNeverStoredIsAnsweredUnconfirmedAndNotBoughtAgain()
    {
        var cart = fixture.Cart(NewShopperId());
        var orderId = NewOrderId();
        await cart.AddAsync("cart-unrecorded", 2, "list-1");
        // The checkout's first write (the marker) succeeds, the second (the outcome) fails: a crash between them.
        fixture.Faults.FailWrite(cart.GetGrainId(), nth: 2);

        await Assert.ThrowsAnyAsync<Exception>(() => cart.CheckoutAsync(orderId));
        var retry = await cart.CheckoutAsync(orderId);
        await fixture.Cluster.DeactivateAsync(cart);
        var retryAfterRestart = await cart.CheckoutAsync(orderId);
        var cartAfter = await cart.GetAsync();

        Assert.Equal(8, await fixture.StockAsync("cart-unrecorded"));
        foreach (var answer in new[] { retry, retryAfterRestart })
        {
            Assert.True(answer.Repeated);
            Assert.Equal(OrderStatus.Unconfirmed, answer.Order.Status);
            Assert.Equal(OrderLine.NotConfirmed, answer.Notice);
            var line = Assert.Single(answer.Order.Lines);
            Assert.Equal(("cart-unrecorded", 2, false, OrderLine.NotConfirmed), (line.ProductId, line.Quantity, line.Bought, line.Refusal));
        }

        // Its lines left the cart with the marker, so a new order id cannot buy them a second time either.
        Assert.Empty(cartAfter.Lines);
    }
}
