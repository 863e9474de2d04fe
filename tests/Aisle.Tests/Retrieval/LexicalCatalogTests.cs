using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>Builds the index over the real 20k catalog once for all tests in the class.</summary>
public sealed class LexicalCatalogFixture : IDisposable
{
    public LexicalCatalogFixture()
    {
        ById = LexicalTestCatalog.Products.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());
        Index = new LexicalIndex(LexicalTestCatalog.Products);
    }

    public LexicalIndex Index { get; }

    public IReadOnlyDictionary<string, Product> ById { get; }

    public void Dispose() => Index.Dispose();
}

public sealed class LexicalCatalogTests(LexicalCatalogFixture catalog) : IClassFixture<LexicalCatalogFixture>
{
    [Fact]
    public void TheWholeCatalogIsIndexed() => Assert.Equal(catalog.ById.Count, catalog.Index.Count);

    [Theory]
    [InlineData("sports shoes")]
    [InlineData("running shoes")]
    [InlineData("shoes for men")]
    public void ShoeQueriesReturnOnlyFootwearInTheTopTen(string query)
    {
        var hits = catalog.Index.Search(query, 10);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.True(IsFootwear(catalog.ById[h.Id]), catalog.ById[h.Id].Name + " | " + catalog.ById[h.Id].Category));
    }

    // A few crawled products lost their category tree (only a cut product name remains); their name still says shoes.
    private static bool IsFootwear(Product product) =>
        product.CategoryPath.Count > 0
            ? product.CategoryPath[0] == "Footwear"
            : product.Name.Contains("shoe", StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData("Voylla")]
    [InlineData("allure auto")]
    [InlineData("bluestone")]
    public void ABrandQueryRanksThatBrandFirst(string brand)
    {
        var hits = catalog.Index.Search(brand, 10);

        Assert.NotEmpty(hits);
        Assert.All(hits.Take(5), h => Assert.Equal(brand.Replace(" ", string.Empty), catalog.ById[h.Id].Brand?.Replace(" ", string.Empty), ignoreCase: true));
    }

    [Fact]
    public void NonsenseFindsNothing() => Assert.Empty(catalog.Index.Search("qzxvbnm wqpfkj", 10));

    [Fact]
    public void AFilterKeepsOnlyAcceptedProducts()
    {
        var hits = catalog.Index.Search("watch", 20, id => catalog.ById[id].Price <= 500m);

        Assert.Equal(20, hits.Count);
        Assert.All(hits, h => Assert.True(catalog.ById[h.Id].Price <= 500m));
    }

    [Theory]
    [InlineData("\"((shoes")]
    [InlineData("AND OR NOT")]
    [InlineData("*:*")]
    [InlineData("watch^100 -men +women")]
    public void QuerySyntaxIsReadAsWordsNotSyntax(string text)
    {
        var hits = catalog.Index.Search(text, 10);

        Assert.NotNull(hits);
    }
}
