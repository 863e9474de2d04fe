using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The loader on small inline files with the kinds of damage a real feed has.</summary>
public sealed class BrokenRowsTests
{
    private const string Header =
        "uniq_id,product_name,product_category_tree,pid,retail_price,discounted_price,is_FK_Advantage_product,product_rating,overall_rating,brand\n";

    private static readonly string BrokenFile = Header
        + "a1,Good One,\"[\"\"A >> B >> Good One\"\"]\",P1,100,80,FALSE,4.5,4.5,BrandA\n"              // line 2, row 1
        + "a2,\"Multi\nline name\",\"[\"\"A >> B\"\"]\",P2,10,9,FALSE,No rating available,3,BrandB\n"  // lines 3-4, row 2
        + ",No Id,\"[\"\"A\"\"]\",P3,100,80,FALSE,No rating available,No rating available,C\n"         // line 5, row 3
        + "a4,\"Broken quote,P4,100,80,FALSE,5,5,D\n"                                               // line 6, row 4
        + "a5,Bad Price,\"[\"\"A >> Bad Price\"\"]\",P5,cheap,-5,FALSE,7,No rating available,E\n"      // line 7, row 5
        + "a1,Duplicate,\"[\"\"A\"\"]\",P6,1,1,FALSE,1,1,F\n"                                           // line 8, row 6
        + "a7,Short Row,\"[\"\"A\"\"]\"\n"                                                              // line 9, row 7
        + "a8,,\"[\"\"A\"\"]\",P8,1,1,FALSE,1,1,G\n"                                                    // line 10, row 8
        + "a9,Last Good,\"[\"\"A >> Z\"\"]\",P9,20,25,FALSE,No rating available,No rating available,\n"; // line 11, row 9

    private static CatalogLoadResult LoadBroken() => CatalogLoader.Load(new StringReader(BrokenFile));

    [Fact]
    public void GoodRowsAroundBrokenOnesAreLoaded()
    {
        var result = LoadBroken();
        Assert.Equal(["a1", "a2", "a5", "a9"], result.Products.Select(p => p.Id));
        Assert.Equal(9, result.RowsRead);
        Assert.Equal(result.RowsRead, result.Products.Count + result.Rejected.Count);
    }

    [Fact]
    public void EveryBadRowIsReportedWithLineRowIdAndReason()
    {
        var rejected = LoadBroken().Rejected;
        Assert.Collection(
            rejected,
            r => Assert.Equal(new RejectedRow(5, 3, null, "missing uniq_id"), r),
            r => Assert.Equal(new RejectedRow(6, 4, "a4", "a quoted field is never closed"), r),
            r => Assert.Equal(new RejectedRow(8, 6, "a1", "duplicate uniq_id (first seen on row 1)"), r),
            r => Assert.Equal(new RejectedRow(9, 7, "a7", "has 3 fields, expected 10"), r),
            r => Assert.Equal(new RejectedRow(10, 8, "a8", "missing product_name"), r));
    }

    [Fact]
    public void UnparseableValuesBecomeUnknownAndAreReported()
    {
        var result = LoadBroken();
        var badPrice = result.Products.Single(p => p.Id == "a5");
        Assert.Null(badPrice.RetailPrice);
        Assert.Null(badPrice.DiscountedPrice);
        Assert.Null(badPrice.Price);
        Assert.Null(badPrice.Rating);
        Assert.Equal(
            [
                new RowWarning(7, 5, "a5", "retail_price 'cheap' is not a number"),
                new RowWarning(7, 5, "a5", "discounted_price -5 is not positive"),
                new RowWarning(7, 5, "a5", "product_rating '7' is not a rating from 0 to 5"),
            ],
            result.Warnings);
    }

    [Fact]
    public void QuotedLineBreakInANameIsKeptAsOneRowAndNormalised()
    {
        var multi = LoadBroken().Products.Single(p => p.Id == "a2");
        Assert.Equal("Multi line name", multi.Name);
        Assert.Equal(["A", "B"], multi.CategoryPath);
    }

    [Fact]
    public void OverallRatingIsTheFallback() => Assert.Equal(3.0, LoadBroken().Products.Single(p => p.Id == "a2").Rating);

    [Fact]
    public void DiscountAboveRetailIsKeptAsGiven()
    {
        var odd = LoadBroken().Products.Single(p => p.Id == "a9");
        Assert.Equal(20m, odd.RetailPrice);
        Assert.Equal(25m, odd.DiscountedPrice);
        Assert.Null(odd.Brand);
    }

    [Theory]
    [InlineData("1299", "1299")]
    [InlineData(" 499.50 ", "499.50")]
    [InlineData("\"1,299\"", "1299")]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("abc", null)]
    [InlineData("12.5x", null)]
    public void PricesAreInvariantDecimalsAndUnknownIsNull(string field, string? expected)
    {
        var csv = Header + $"x1,Thing,\"[\"\"A\"\"]\",P1,{field},,FALSE,No rating available,No rating available,B\n";
        var product = Assert.Single(CatalogLoader.Load(new StringReader(csv)).Products);
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), product.RetailPrice);
    }

    [Fact]
    public void DescriptionsAreJoinedById()
    {
        var catalog = Header
            + "d1,One,\"[\"\"A\"\"]\",P1,1,1,FALSE,1,1,B\n"
            + "d2,Two,\"[\"\"A\"\"]\",P2,1,1,FALSE,1,1,B\n";
        var descriptions = "uniq_id,description\n"
            + "d2,\"Line one\n  line   two\"\n"
            + "zz,Orphan\n";
        var result = CatalogLoader.Load(new StringReader(catalog), new StringReader(descriptions));
        Assert.Null(result.Products[0].Description);
        Assert.Equal("Line one line two", result.Products[1].Description);
        Assert.Equal(1, result.WithDescription);
    }

    [Fact]
    public void AFileWithoutIdColumnIsNotACatalog() =>
        Assert.Throws<InvalidDataException>(() => CatalogLoader.Load(new StringReader("name,price\nx,1\n")));
}
