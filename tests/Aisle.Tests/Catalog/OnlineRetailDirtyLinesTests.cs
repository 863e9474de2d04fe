using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The Online Retail catalog and history on a small inline file with the kinds of damage the real one has.</summary>
public sealed class OnlineRetailDirtyLinesTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,TotalPrice\n";

    private const string Dirty = Header
        + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom,15.3\n"   // line 2
        + "536365,71053,WHITE METAL LANTERN,6,12/1/10 8:26,cheap,17850,United Kingdom,20.34\n"                 // line 3: bad price
        + "536365,,MYSTERY ITEM,6,12/1/10 8:26,1.00,17850,United Kingdom,6\n"                                  // line 4: no code
        + "536366,POST,POSTAGE,1,12/1/10 8:28,18,12583,France,18\n"                                             // line 5: postage
        + "536367,71053,\"WHITE METAL LANTERN, \",6,12/1/10 8:34,3.39,13047,United Kingdom,20.34\n"            // line 6
        + "C536368,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-2,12/1/10 9:00,2.55,17850,United Kingdom,-5.1\n" // line 7: cancellation
        + "536369,85123a,WHITE HANGING HEART T-LIGHT HOLDER,1,12/1/10 9:10,2.95,,United Kingdom,2.95\n"        // line 8: no customer, lower-case code
        + "536370,21777,,-3,12/1/10 9:15,0,,United Kingdom,0\n"                                                 // line 9: adjustment, no description
        + "536370,21777,damages,-1,12/1/10 9:15,0,,United Kingdom,0\n"                                          // line 10: note
        + "536371,21777,RECIPE BOX WITH METAL HEART,2,12/1/10 9:20,7.95,13047,United Kingdom,15.9\n"           // line 11
        + "536372,85123A,WHITE HANGING HEART T-LIGHT HOLDER,x,12/1/10 9:30,2.55,13047,United Kingdom,0\n"       // line 12: bad quantity
        + "536373,22000,\"BROKEN QUOTE,1,12/1/10 9:40,1,13047,United Kingdom,1\n"                               // line 13: open quote
        + "536374,85123A,WHITE HANGING HEART T-LIGHT HOLDER,3,12/1/10 9:45,2.55,17850,United Kingdom,7.65\n";  // line 14

    private static CatalogLoadResult Load() => OnlineRetailCatalog.Load(new StringReader(Dirty));

    [Fact]
    public void BadLinesCostNothingElse()
    {
        var result = Load();
        Assert.Equal(13, result.RowsRead);
        Assert.Equal(["85123A", "71053", "21777"], result.Products.Select(p => p.Id));
        Assert.Equal(["White Hanging Heart T-Light Holder", "White Metal Lantern", "Recipe Box With Metal Heart"], result.Products.Select(p => p.Name));
        Assert.Equal([2.55m, 3.39m, 7.95m], result.Products.Select(p => p.Price));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void EveryBadLineIsReportedWithLineAndReason()
    {
        Assert.Equal(
            [
                new RejectedRow(3, 2, "71053", "UnitPrice 'cheap' is not a number"),
                new RejectedRow(4, 3, null, "missing StockCode"),
                new RejectedRow(5, 4, "POST", "non-product stock code POST (postage)"),
                new RejectedRow(12, 11, "85123A", "Quantity 'x' is not an integer"),
                new RejectedRow(13, 12, "22000", "a quoted field is never closed"),
            ],
            Load().Rejected);
    }

    [Fact]
    public void ACodeWithoutAPositivePriceKeepsAnUnknownPriceWithAWarning()
    {
        var result = OnlineRetailCatalog.Load(new StringReader(Header
            + "536370,22520,CHILDS GARDEN TROWEL BLUE ,1,12/7/10 11:48,0,,United Kingdom,0\n"));
        var trowel = Assert.Single(result.Products);
        Assert.Null(trowel.Price);
        Assert.Equal(["Garden"], trowel.CategoryPath);
        Assert.Equal(1, result.WithoutPrice);
        Assert.Equal(new RowWarning(2, 1, "22520", "no line of stock code 22520 has a positive UnitPrice: price unknown"), Assert.Single(result.Warnings));
    }

    [Fact]
    public void TheHistoryKeepsOnlyPurchasesOfKnownProductsByKnownCustomers()
    {
        var history = OnlineRetailHistory.Read(new StringReader(Dirty), Load().Products);

        Assert.Equal(13, history.LinesRead);
        Assert.Equal(4, history.LinesUsed);
        Assert.Equal(["17850", "13047"], history.Customers.Select(c => c.CustomerId));
        Assert.Equal(["536365", "536367", "536371", "536374"], history.Baskets.Select(b => b.InvoiceNo));
        var first = history.Customers[0];
        Assert.Equal(["536365", "536374"], first.Baskets.Select(b => b.InvoiceNo));
        Assert.Equal(new OnlineRetailLine("85123A", 6, 2.55m), Assert.Single(first.Baskets[0].Lines));
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), first.Baskets[0].InvoiceDate);
        Assert.Equal("United Kingdom", first.Country);
    }

    [Theory]
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", "Home Decor > Candles & Holders")]
    [InlineData("CHRISTMAS CANDLE", "Christmas")]
    [InlineData("WHITE METAL LANTERN", "Home Decor > Lighting")]
    [InlineData("JUMBO BAG RED RETROSPOT", "Bags")]
    [InlineData("ROSES REGENCY TEACUP AND SAUCER", "Gifts > Other")]
    [InlineData("SET OF 3 CAKE TINS PANTRY DESIGN", "Kitchen & Dining")]
    [InlineData("lunch bag red retrospot", "Bags")]
    [InlineData("", "Gifts > Other")]
    public void CategoriesComeFromTheFirstRuleWithAWordOfTheDescription(string description, string category) =>
        Assert.Equal(category, string.Join(" > ", OnlineRetailCategories.For(description)));
}
