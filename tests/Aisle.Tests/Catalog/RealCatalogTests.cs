using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>The loader on the real Flipkart files; expected numbers are the dirt documented in data/README.md.</summary>
public sealed class RealCatalogTests(RealCatalogFixture catalog) : IClassFixture<RealCatalogFixture>
{
    private readonly CatalogLoadResult _result = catalog.Result;

    [Fact]
    public void EveryRowIsLoadedOrRejected()
    {
        Assert.Equal(20_000, _result.RowsRead);
        Assert.Equal(_result.RowsRead, _result.Products.Count + _result.Rejected.Count);
    }

    [Fact]
    public void TheCleanFileLosesNoRow()
    {
        Assert.Empty(_result.Rejected);
        Assert.Equal(20_000, _result.Products.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void ProductsWithoutPriceHaveNullPriceNeverZero()
    {
        Assert.Equal(78, _result.Products.Count(p => p.Price is null));
        Assert.Equal(78, _result.WithoutPrice);
        Assert.DoesNotContain(_result.Products, p => p.RetailPrice <= 0 || p.DiscountedPrice <= 0);
    }

    [Fact]
    public void MissingBrandIsNull()
    {
        Assert.Equal(5_861, _result.Products.Count(p => p.Brand is null));
        Assert.Equal(5_861, _result.WithoutBrand);
        Assert.DoesNotContain(_result.Products, p => p.Brand is { } b && (b.Length == 0 || b != b.Trim()));
    }

    [Fact]
    public void NoRatingAvailableIsNull()
    {
        Assert.Equal(18_151, _result.Products.Count(p => p.Rating is null));
        Assert.Equal(18_151, _result.WithoutRating);
        Assert.All(_result.Products, p => Assert.True(p.Rating is null or (>= 0 and <= 5)));
    }

    [Fact]
    public void RealDataNeedsNoWarnings() => Assert.Empty(_result.Warnings);

    [Fact]
    public void FirstRowCategoryPathDropsTheProductLeaf()
    {
        var shorts = catalog.ById["c2d766ca982eca8304150849735ffef9"];
        Assert.Equal(["Clothing", "Women's Clothing", "Lingerie, Sleep & Swimwear", "Shorts", "Alisha Shorts"], shorts.CategoryPath);
        Assert.Equal("Clothing > Women's Clothing > Lingerie, Sleep & Swimwear > Shorts > Alisha Shorts", shorts.Category);
    }

    [Fact]
    public void TruncatedLeafIsDropped()
    {
        var sofa = catalog.ById["7f7036a6d550aaa89d34c77bd39a5e48"];
        Assert.Equal(["Furniture", "Living Room Furniture", "Sofa Beds & Futons"], sofa.CategoryPath);
    }

    [Fact]
    public void LeafThatAddsDetailToTheNameIsDropped()
    {
        var shampoo = catalog.ById["bc940ea42ee6bef5ac7cea3fb5cfbee7"];
        Assert.Equal(["Pet Supplies", "Grooming", "Skin & Coat Care", "Shampoo"], shampoo.CategoryPath);
    }

    [Fact]
    public void SingleSegmentCategoryIsKept()
    {
        var sunglasses = catalog.ById["fbf96347f0c35de034e8c2b9c6b5740c"];
        Assert.Equal(["Sunglasses"], sunglasses.CategoryPath);
    }

    [Fact]
    public void TreeHoldingOnlyTheTruncatedNameGivesNoCategory()
    {
        var candle = catalog.ById["0e59b303382de64b87b46e9418a3df7a"];
        Assert.Empty(candle.CategoryPath);
        Assert.Equal("SAY Thread Wounded Candle 10\" Set of 4 pcs Solid Filter Cartridge", candle.Name);
    }

    [Fact]
    public void BrandCategoryThatStartsTheNameIsKept()
    {
        var lotion = catalog.ById["2544d838e3760bd837d3a9b7aeb529f5"];
        Assert.Equal(["Beauty and Personal Care", "Body and Skin Care", "Face Care", "Sunscreen", "Anherb Sunscreen"], lotion.CategoryPath);
    }

    [Fact]
    public void BrandCategoryInPluralIsNotMistakenForTheLeaf()
    {
        var cap = catalog.ById["32f34f84a47a2b88fd2ce7a868d622fc"];
        Assert.Equal(["Clothing", "Men's Clothing", "Accessories & Combo Sets", "Caps", "Quiksilver Caps"], cap.CategoryPath);
    }

    [Fact]
    public void NoCategorySegmentIsEmptyOrUntrimmedOrTruncated()
    {
        Assert.All(_result.Products, p => Assert.All(p.CategoryPath, s =>
        {
            Assert.NotEmpty(s);
            Assert.Equal(s.Trim(), s);
            Assert.False(s.EndsWith("...", StringComparison.Ordinal), s);
        }));
    }

    [Fact]
    public void MojibakeInNameIsRepaired()
    {
        var marbles = catalog.ById["625b837a1e1633439a1d87e68f59a169"];
        Assert.Equal("Discovery Toys Marbleworks® Marble Run Starter Set By", marbles.Name);
        Assert.Equal(1, _result.Repaired);
        Assert.DoesNotContain(_result.Products, p => p.Name.Contains('Ã') || p.Name.Contains('Â'));
    }

    [Fact]
    public void NamesHaveSingleSpacesOnly() =>
        Assert.DoesNotContain(_result.Products, p => p.Name.Contains("  ", StringComparison.Ordinal) || p.Name.Contains('\u00A0'));

    [Fact]
    public void DescriptionsAreJoinedForTheFirst999()
    {
        var first999 = _result.Products.Take(999).ToList();
        var described = _result.Products.Where(p => p.Description is not null).ToList();

        // One of the 999 has an empty description in the source.
        Assert.Equal(998, described.Count);
        Assert.Equal(998, _result.WithDescription);
        Assert.All(described, p => Assert.Contains(p, first999));
        Assert.StartsWith("Key Features of Alisha Solid Women's Cycling Shorts", catalog.ById["c2d766ca982eca8304150849735ffef9"].Description);
        Assert.DoesNotContain(described, p => p.Description!.Contains('\n') || p.Description.Contains("  ", StringComparison.Ordinal));
    }

    [Fact]
    public void SkuIsThePid() => Assert.Equal("SRTEH2FF9KEDEFGF", catalog.ById["c2d766ca982eca8304150849735ffef9"].Sku);

    [Fact]
    public void PricesAreReadAsGiven()
    {
        var shorts = catalog.ById["c2d766ca982eca8304150849735ffef9"];
        Assert.Equal(999m, shorts.RetailPrice);
        Assert.Equal(379m, shorts.DiscountedPrice);
        Assert.Equal(379m, shorts.Price);
    }

    [Fact]
    public void AboutFivePercentStartOutOfStock()
    {
        var share = _result.Products.Count(p => p.InitialStock == 0) / (double)_result.Products.Count;
        Assert.InRange(share, 0.03, 0.08);
        Assert.All(_result.Products, p => Assert.InRange(p.InitialStock, 0, InitialStock.MaxUnits));
        Assert.All(_result.Products, p => Assert.Equal(InitialStock.For(p.Id), p.InitialStock));
        Assert.True(_result.Products.Select(p => p.InitialStock).Distinct().Count() > 90);
    }
}
