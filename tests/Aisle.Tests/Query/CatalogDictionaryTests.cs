using Aisle.Catalog;
using Aisle.Query;

namespace Aisle.Tests.Query;

public sealed class CatalogDictionaryTests
{
    private static Product Item(string id, string name, string? brand, params string[] category) =>
        new(id, "sku-" + id, name, brand, category, 100m, null, null, null, 1);

    private static IEnumerable<Product> Many(int count, Func<int, Product> make) =>
        Enumerable.Range(0, count).Select(make);

    [Fact]
    public void CategoriesOfOneAndTwoLevelsAreCounted()
    {
        var products = Many(12, i => Item("f" + i, "Shoe " + i, null, "Footwear", i < 8 ? "Men's Footwear" : "Women's Footwear", "Casual"))
            .Append(Item("x", "Lonely Thing", null, "Lonely Thing"));

        var dictionary = CatalogDictionary.Build(products);

        Assert.Equal(12, dictionary.Categories.Paths["Footwear"]);
        Assert.Equal(8, dictionary.Categories.Paths["Footwear > Men's Footwear"]);
        Assert.Equal(4, dictionary.Categories.Paths["Footwear > Women's Footwear"]);
        Assert.False(dictionary.Categories.Paths.ContainsKey("Lonely Thing"));
        Assert.Equal(13, dictionary.ProductCount);
    }

    [Fact]
    public void BrandsNamedInTheirProductsAreKeptAndColumnNoiseIsDropped()
    {
        var products = Many(5, i => Item("s" + i, "Sun Glow Cream " + i, "Sun Glow", "Beauty"))
            .Concat(Many(5, i => Item("b" + i, "Cotton Shirt " + i, "Black", "Clothing")));

        var dictionary = CatalogDictionary.Build(products);

        Assert.True(dictionary.Brands.Known.ContainsKey("Sun Glow"));
        Assert.False(dictionary.Brands.Known.ContainsKey("Black"));
    }

    [Fact]
    public void TheLongestBrandInTheQueryWins()
    {
        var products = Many(3, i => Item("s" + i, "Sun Lamp " + i, "Sun", "Lighting"))
            .Concat(Many(3, i => Item("g" + i, "Sun Glow Cream " + i, "Sun Glow", "Beauty")));
        var dictionary = CatalogDictionary.Build(products);

        var brand = dictionary.Brands.Match(["buy", "sun", "glow", "cream"], out var start, out var length);

        Assert.Equal("Sun Glow", brand);
        Assert.Equal((1, 2), (start, length));
        Assert.Equal("Sun", dictionary.Brands.Match(["sun", "lamp"], out _, out _));
    }

    [Fact]
    public void ABrandWordUsedMostlyByOtherBrandsIsNotABrand()
    {
        // "HP" makes 2 products but 6 accessories of other brands name it for compatibility.
        var products = Many(2, i => Item("h" + i, "HP Laptop " + i, "HP", "Computers"))
            .Concat(Many(6, i => Item("a" + i, "Lapguard HP Compatible Battery " + i, "Lapguard", "Computers")));

        var dictionary = CatalogDictionary.Build(products);

        Assert.False(dictionary.Brands.Known.ContainsKey("HP"));
        Assert.True(dictionary.Brands.Known.ContainsKey("Lapguard"));
    }

    [Fact]
    public void NoCategoryIsInferredWithoutACategoryWord()
    {
        var products = Many(20, i => Item("f" + i, "Red Shoe " + i, null, "Footwear", "Men's Footwear"));
        var dictionary = CatalogDictionary.Build(products);

        Assert.Null(dictionary.Categories.Infer(["red"], Gender.None));
        Assert.Equal("Footwear > Men's Footwear", dictionary.Categories.Infer(["footwear"], Gender.None)?.Path);
    }
}
