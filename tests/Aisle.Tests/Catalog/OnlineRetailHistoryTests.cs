using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The purchase history read from the real December 2010 slice.</summary>
public sealed class OnlineRetailHistoryTests(OnlineRetailFixture data) : IClassFixture<OnlineRetailFixture>
{
    private readonly OnlineRetailHistory _history = data.History;

    [Fact]
    public void CustomersWhoBoughtSomethingAreKept()
    {
        // 713 customer ids; 47 only cancelled, one only paid postage.
        Assert.Equal(665, _history.Customers.Count);
        Assert.Equal(_history.Customers.Count, _history.Customers.Select(c => c.CustomerId).Distinct().Count());
        Assert.All(_history.Customers, c => Assert.NotEmpty(c.Baskets));
        Assert.Equal(28_492, _history.LinesRead);
        Assert.Equal(18_039, _history.LinesUsed);
        Assert.Equal(_history.LinesUsed, _history.Baskets.Sum(b => b.Lines.Count));
    }

    [Fact]
    public void BasketsAreInTimeOrder()
    {
        Assert.Equal(924, _history.Baskets.Count);
        Assert.Equal(_history.Baskets.OrderBy(b => b.InvoiceDate).ToList(), _history.Baskets);
        Assert.All(_history.Customers, c => Assert.Equal(c.Baskets.OrderBy(b => b.InvoiceDate).ToList(), c.Baskets));
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), _history.Baskets[0].InvoiceDate);
        Assert.Equal(new DateTime(2010, 12, 13, 14, 16, 0), _history.Baskets[^1].InvoiceDate);
        Assert.Equal(_history.Customers.SelectMany(c => c.Baskets).Count(), _history.Baskets.Count);
    }

    [Fact]
    public void NoCancelledReturnedOrUnknownLine()
    {
        Assert.DoesNotContain(_history.Baskets, b => b.InvoiceNo.StartsWith('C'));
        var lines = _history.Baskets.SelectMany(b => b.Lines).ToList();
        Assert.All(lines, l => Assert.True(l.Quantity > 0));
        Assert.All(lines, l => Assert.True(data.ById.ContainsKey(l.StockCode), l.StockCode));
    }

    [Fact]
    public void ABasketIsOneInvoiceOfOneCustomer()
    {
        var first = _history.Baskets[0];
        Assert.Equal("536365", first.InvoiceNo);
        Assert.Equal("17850", first.CustomerId);
        Assert.Equal(7, first.Lines.Count);
        Assert.Equal(new OnlineRetailLine("85123A", 6, 2.55m), first.Lines[0]);
        Assert.Equal(_history.Baskets.Count, _history.Baskets.Select(b => b.InvoiceNo).Distinct().Count());
        Assert.All(_history.Customers, c => Assert.All(c.Baskets, b => Assert.Equal(c.CustomerId, b.CustomerId)));
    }
}
