using System.Collections.Immutable;
using Aisle.Shopping;

namespace Aisle.Tests.Shopping;

/// <summary>The bounds of a cart and its order history, as pure functions.</summary>
public sealed class CartEditsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void ALineHoldsOneToNinetyNineUnits()
    {
        ImmutableList<CartLine> lines = [new CartLine("p", 98, null, Now)];

        var zero = CartEdits.Add(lines, "q", 0, null, stock: 500, Now);
        var hundred = CartEdits.Add(lines, "q", 100, null, stock: 500, Now);
        var pastLimit = CartEdits.Add(lines, "p", 2, null, stock: 500, Now);
        var atLimit = CartEdits.Add(lines, "p", 1, null, stock: 500, Now);
        var negative = CartEdits.SetQuantity(lines, "p", -1, stock: 500, Now);

        Assert.NotNull(zero.Error);
        Assert.NotNull(hundred.Error);
        Assert.Equal("At most 99 of one product", pastLimit.Error);
        Assert.Same(lines, pastLimit.Lines);
        Assert.Null(atLimit.Error);
        Assert.Equal(99, atLimit.Lines[0].Quantity);
        Assert.NotNull(negative.Error);
    }

    [Fact]
    public void ACartHoldsAtMostFiftyLinesButAFullCartCanStillGrowALine()
    {
        var lines = Enumerable.Range(0, CartLimits.MaxLines).Select(i => new CartLine($"p{i}", 1, null, Now)).ToImmutableList();

        var newLine = CartEdits.Add(lines, "one-more", 1, null, stock: 10, Now);
        var existing = CartEdits.Add(lines, "p7", 1, null, stock: 10, Now);

        Assert.Equal("Your cart is full (50 products)", newLine.Error);
        Assert.Null(existing.Error);
        Assert.Equal(2, existing.Lines[7].Quantity);
    }

    [Fact]
    public void OnlyTheLastFiftyOrdersAreKeptNewestFirst()
    {
        var orders = ImmutableList<Order>.Empty;
        for (var i = 0; i < CartLimits.MaxOrders + 5; i++)
        {
            orders = Checkouts.Remember(orders, new Order($"o{i}", Now.AddMinutes(i), []));
        }

        Assert.Equal(CartLimits.MaxOrders, orders.Count);
        Assert.Equal($"o{CartLimits.MaxOrders + 4}", orders[0].OrderId);
        Assert.Equal("o5", orders[^1].OrderId);
    }

    [Fact]
    public void SettlingAnUnconfirmedOrderReplacesItInPlace()
    {
        var line = new OrderLine("p", "P", 1, 10m, null, Bought: false, Refusal: null);
        var unconfirmed = Checkouts.Unconfirmed("o2", Now, [line]);
        var orders = Checkouts.Remember(Checkouts.Remember([], new Order("o1", Now, [])), unconfirmed);

        var settled = Checkouts.Remember(orders, Checkouts.Settle(unconfirmed, [null]));

        Assert.Equal(OrderLine.NotConfirmed, unconfirmed.Lines[0].Refusal);
        Assert.Equal(["o2", "o1"], settled.Select(o => o.OrderId));
        Assert.Equal(OrderStatus.Placed, settled[0].Status);
        Assert.True(settled[0].Lines[0].Bought);
        Assert.Equal(10m, settled[0].Total);
    }
}
