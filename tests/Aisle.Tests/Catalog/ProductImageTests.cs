using Aisle.Catalog;
using Aisle.Embeddings;

namespace Aisle.Tests.Catalog;

/// <summary>Image URLs joined from the full-column file's <c>image</c> list, on the real file and on broken fields.</summary>
public sealed class ProductImageTests(RealCatalogFixture catalog) : IClassFixture<RealCatalogFixture>
{
    private const string Header =
        "uniq_id,product_name,product_category_tree,pid,retail_price,discounted_price,is_FK_Advantage_product,product_rating,overall_rating,brand\n";

    [Fact]
    public void TheRealFullColumnFileGivesAnImageToEachOfItsProducts()
    {
        var result = catalog.Result;
        var first999 = result.Products.Take(999).ToList();
        var withImage = result.Products.Where(p => p.ImageUrl is not null).ToList();

        Assert.Equal(999, withImage.Count);
        Assert.Equal(999, result.WithImage);
        Assert.All(withImage, p => Assert.Contains(p, first999));
        Assert.All(withImage, p => Assert.Matches("^https?://[^\\s\"\\[\\],]+$", p.ImageUrl!));
        Assert.Equal(
            "http://img5a.flixcart.com/image/short/u/4/a/altht-3p-21-alisha-38-original-imaeh2d5vm5zbtgg.jpeg",
            catalog.ById["c2d766ca982eca8304150849735ffef9"].ImageUrl);
    }

    [Fact]
    public void ProductsOutsideTheFullColumnFileHaveNoImage() =>
        Assert.All(catalog.Result.Products.Skip(999), p => Assert.Null(p.ImageUrl));

    [Fact]
    public void TheImageDoesNotChangeTheEmbeddedText()
    {
        // The embedding cache is keyed by this text: an image must not make 999 products miss it.
        var shorts = catalog.ById["c2d766ca982eca8304150849735ffef9"];
        Assert.NotNull(shorts.ImageUrl);
        Assert.Equal(ProductText.For(shorts with { ImageUrl = null }), ProductText.For(shorts));
        Assert.DoesNotContain("flixcart", ProductText.For(shorts), StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedImageFieldGivesNoImageAndRejectsNothing()
    {
        var products = Header
            + "i1,One,\"[\"\"A\"\"]\",P1,1,1,FALSE,1,1,B\n"
            + "i2,Two,\"[\"\"A\"\"]\",P2,1,1,FALSE,1,1,B\n"
            + "i3,Three,\"[\"\"A\"\"]\",P3,1,1,FALSE,1,1,B\n"
            + "i4,Four,\"[\"\"A\"\"]\",P4,1,1,FALSE,1,1,B\n";
        var extras = "uniq_id,image,description\n"
            + "i1,\"[\"\"not a url\"\", \"\"ftp://x.example/a.jpg\"\"]\",Has a description\n"
            + "i2,\"[\"\"/relative/a.jpg\"\", \"\"https://img.example/b.jpg\"\"\",\n"
            + "i3,\"{broken\",\n"
            + "i4,,Only text\n";

        var result = CatalogLoader.Load(new StringReader(products), new StringReader(extras));

        Assert.Empty(result.Rejected);
        Assert.Equal(["i1", "i2", "i3", "i4"], result.Products.Select(p => p.Id));
        Assert.Equal([null, "https://img.example/b.jpg", null, null], result.Products.Select(p => p.ImageUrl));
        Assert.Equal("Has a description", result.Products[0].Description);
        Assert.Equal(1, result.WithImage);
        Assert.Equal(2, result.WithDescription);
    }

    [Theory]
    [InlineData("[\"http://a.example/1.jpg\", \"http://a.example/2.jpg\"]", "http://a.example/1.jpg")]
    [InlineData("[\"https://a.example/1.jpg\"]", "https://a.example/1.jpg")]
    [InlineData("[\"\", \"http://a.example/2.jpg\"]", "http://a.example/2.jpg")]
    [InlineData("[\"http://\", \"http://a.example/2.jpg\"]", "http://a.example/2.jpg")]
    [InlineData("http://a.example/bare.jpg", "http://a.example/bare.jpg")]
    [InlineData("[\"http://a.example/cut", "http://a.example/cut")]
    [InlineData("[\"http://a example/space.jpg\"]", null)]
    [InlineData("[\"javascript:alert(1)\"]", null)]
    [InlineData("[]", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void TheFirstValidHttpUrlIsTaken(string field, string? expected) => Assert.Equal(expected, ImageUrls.First(field));
}
