using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The Online Retail loader on the real December 2010 slice; numbers are the dirt listed in data/README.md.</summary>
public sealed class OnlineRetailCatalogTests(OnlineRetailFixture data) : IClassFixture<OnlineRetailFixture>
{
    private readonly CatalogLoadResult _result = data.Catalog;

    [Fact]
    public void EveryLineIsRead()
    {
        Assert.Equal(28_492, _result.RowsRead);
    }

    [Fact]
    public void OneProductPerStockCodeWithANameAndMostlyAPrice()
    {
        // 2,605 codes as written; 2,549 product codes once case is ignored; 25 of them never have a description.
        Assert.Equal(2_524, _result.Products.Count);
        Assert.Equal(_result.Products.Count, _result.Products.Select(p => p.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(_result.Products, p => Assert.False(string.IsNullOrWhiteSpace(p.Name)));
        Assert.All(_result.Products, p => Assert.Equal(p.Id, p.Sku));
        Assert.All(_result.Products, p => Assert.Equal(p.Id.ToUpperInvariant(), p.Id));
        Assert.Equal(2, _result.WithoutPrice);
        Assert.Equal(2, _result.Products.Count(p => p.Price is null));
        Assert.DoesNotContain(_result.Products, p => p.Price <= 0);
        Assert.All(_result.Products, p => Assert.Equal(p.RetailPrice, p.DiscountedPrice));
        Assert.All(_result.Products, p => Assert.Null(p.Brand));
        Assert.All(_result.Products, p => Assert.Null(p.Rating));
        Assert.All(_result.Products, p => Assert.Equal(InitialStock.For(p.Id), p.InitialStock));
    }

    [Fact]
    public void AProductIsNamedPricedAndPlacedByItsLines()
    {
        var holder = data.ById["85123A"];
        Assert.Equal("White Hanging Heart T-Light Holder", holder.Name);
        Assert.Equal(2.95m, holder.Price);
        Assert.Equal(["Home Decor", "Candles & Holders"], holder.CategoryPath);
        Assert.Equal("Home Decor > Lighting", data.ById["71053"].Category);
    }

    [Fact]
    public void AStockCodeWrittenInLowerCaseIsTheSameProduct()
    {
        Assert.True(data.ById.ContainsKey("85123A"));
        Assert.False(data.ById.ContainsKey("85123a"));
    }

    [Fact]
    public void ANoteInLowerCaseNeverNamesAProduct() =>
        Assert.DoesNotContain(_result.Products, p => p.Name is "?" or "Amazon" or "Check" or "Damages" or "Faulty");

    [Fact]
    public void NonProductCodesAreRejectedWithTheirMeaning()
    {
        Assert.DoesNotContain(_result.Products, p => p.Id is "POST" or "DOT" or "M" or "D" or "S" or "C2" or "AMAZONFEE" or "BANK CHARGES");
        var byReason = _result.Rejected.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(40, byReason["non-product stock code POST (postage)"]);
        Assert.Equal(25, byReason["non-product stock code DOT (dotcom postage)"]);
        Assert.Equal(25, byReason["non-product stock code M (manual adjustment)"]);
        Assert.Equal(2, byReason["non-product stock code BANK CHARGES (bank charges)"]);
        Assert.Equal(5, byReason["non-product stock code C2 (carriage)"]);
        Assert.Equal(new RejectedRow(47, 46, "POST", "non-product stock code POST (postage)"), _result.Rejected[0]);
    }

    [Fact]
    public void ACodeWithoutAnyDescriptionIsRejectedLineByLine()
    {
        Assert.Equal(25, _result.Rejected.Count(r => r.Reason.EndsWith("has a product description", StringComparison.Ordinal)));
        Assert.Contains(new RejectedRow(1972, 1971, "21134", "no line of stock code 21134 has a product description"), _result.Rejected);
        Assert.Equal(135, _result.Rejected.Count);
        Assert.Equal(_result.Rejected.OrderBy(r => r.Row).ToList(), _result.Rejected);
    }

    [Fact]
    public void EveryProductHasACategory()
    {
        Assert.All(_result.Products, p => Assert.NotEmpty(p.CategoryPath));
        var other = _result.Products.Count(p => p.CategoryPath.SequenceEqual(OnlineRetailCategories.Other));
        Assert.InRange(other / (double)_result.Products.Count, 0.3, 0.5);
    }
}
