using Aisle.Catalog;
using Aisle.Query;
using Aisle.Tests.Retrieval;

namespace Aisle.Tests.Query;

public sealed class QueryUnderstandingTests(QueryCatalogFixture catalog) : IClassFixture<QueryCatalogFixture>
{
    private ParsedQuery Parse(string? query) => catalog.Understanding.Parse(query);

    [Fact]
    public void RunningShoesForMenUnderAThousand()
    {
        var parsed = Parse("running shoes for men under 1000");

        Assert.Equal(1000, parsed.MaxPrice);
        Assert.Null(parsed.MinPrice);
        Assert.Equal(Gender.Men, parsed.Gender);
        Assert.Equal("Footwear > Men's Footwear", parsed.Category);
        Assert.Equal("running shoes for men", parsed.Text);
        Assert.Null(parsed.Brand);
        Assert.Equal(3, parsed.Notes.Count);
    }

    [Theory]
    [InlineData("qzxv plmokn")]
    [InlineData("red")]
    [InlineData("the best one")]
    public void AQueryWithoutSignalsKeepsItsText(string query)
    {
        var parsed = Parse("  " + query + " ");

        Assert.False(parsed.HasSignals);
        Assert.Null(parsed.Category);
        Assert.Null(parsed.Brand);
        Assert.Equal(query, parsed.Text);
        Assert.Empty(parsed.Notes);
    }

    [Theory]
    [InlineData("voylla necklace", "Voylla")]
    [InlineData("Allure Auto car mat", "Allure Auto")]
    [InlineData("bluestone ring", "BlueStone")]
    [InlineData("DAILYOBJECTS cover", "DailyObjects")]
    public void CatalogBrandsAreRecognisedInAnyCase(string query, string brand)
    {
        var parsed = Parse(query);

        Assert.Equal(brand, parsed.Brand);
        Assert.Equal(query, parsed.Text);
    }

    [Theory]
    [InlineData("black shirt", "Black")]
    [InlineData("regular fit jeans", "Regular Fit")]
    [InlineData("slim fit shirt", "Slim")]
    public void ColourAndFitValuesInTheBrandColumnAreNotBrands(string query, string catalogBrand)
    {
        Assert.Contains(LexicalTestCatalog.Products, p => p.Brand == catalogBrand);

        Assert.Null(Parse(query).Brand);
    }

    [Theory]
    [InlineData("kurta for women", Gender.Women)]
    [InlineData("mens wallet", Gender.Men)]
    [InlineData("men's shirt", Gender.Men)]
    [InlineData("gents shoes", Gender.Men)]
    [InlineData("ladies watch", Gender.Women)]
    [InlineData("jeans for boys", Gender.Boys)]
    [InlineData("frock for girls", Gender.Girls)]
    [InlineData("kids t-shirt", Gender.Kids)]
    [InlineData("watch for men and women", Gender.Unisex)]
    public void GenderWordsAreRecognisedAndKept(string query, Gender gender)
    {
        var parsed = Parse(query);

        Assert.Equal(gender, parsed.Gender);
        Assert.Equal(query, parsed.Text);
    }

    [Theory]
    [InlineData("watch", "Watches")]
    [InlineData("shoes", "Footwear")]
    [InlineData("saree", "Clothing")]
    [InlineData("necklace", "Jewellery")]
    [InlineData("coffee mug", "Kitchen & Dining")]
    public void CategoryIsInferredFromCatalogWords(string query, string topLevel)
    {
        var category = Parse(query).Category;

        Assert.NotNull(category);
        Assert.Equal(topLevel, category.Split(" > ")[0]);
    }

    [Theory]
    [InlineData("shoes for women", "Footwear > Women's Footwear")]
    [InlineData("shirt for men", "Clothing > Men's Clothing")]
    [InlineData("shoes for boys", "Footwear > Kids' & Infant Footwear")]
    public void GenderNarrowsTheCategoryToItsChild(string query, string category) =>
        Assert.Equal(category, Parse(query).Category);

    [Fact]
    public void ShoesWithoutGenderStayAtTheTopLevel() => Assert.Equal("Footwear", Parse("shoes").Category);

    [Fact]
    public void PriceBrandAndCategoryCombine()
    {
        var parsed = Parse("Voylla earrings between ₹500 and ₹1,500");

        Assert.Equal("Voylla", parsed.Brand);
        Assert.Equal(500, parsed.MinPrice);
        Assert.Equal(1500, parsed.MaxPrice);
        Assert.StartsWith("Jewellery", parsed.Category);
        Assert.Equal("Voylla earrings", parsed.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void EmptyInputUnderstandsNothing(string? query)
    {
        var parsed = Parse(query);

        Assert.False(parsed.HasSignals);
        Assert.Equal(string.Empty, parsed.Text);
    }

    [Fact]
    public void AMegabyteQueryIsReadOnlyUpToTheCap()
    {
        var query = "shoes under 500 " + new string('a', 1 << 20);

        var parsed = Parse(query);

        Assert.Same(query, parsed.Original);
        Assert.Equal(500, parsed.MaxPrice);
        Assert.True(parsed.Text.Length <= QueryUnderstanding.MaxQueryChars);
    }

    [Theory]
    [InlineData("\"((")]
    [InlineData("under under under")]
    [InlineData("between and")]
    [InlineData("- - 500 -")]
    [InlineData("₹₹₹ rs. inr k")]
    [InlineData("99999999999999999999999999999999999999999999 to 1e400")]
    [InlineData("\u0000\ud800\udfff\ud83d")]
    [InlineData("👟 under 1,000 👟")]
    public void HostileInputNeverThrows(string query)
    {
        var parsed = Parse(query);

        Assert.Same(query, parsed.Original);
    }

    [Fact]
    public void RandomInputNeverThrowsAndKeepsBoundsOrdered()
    {
        string[] pieces =
        [
            "under", "over", "between", "and", "to", "-", "k", "1", "0", "5", ",", ".", "₹", "rs.", " ", " ", "men's", "'",
            "shoes", "watch", "\"", "(", "*", "\ud83d", "\ude00", "\ud800", "é", "voylla", "for", "+", "lakh",
        ];
        var random = new Random(20240601);
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(0, 40);
            var query = string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(pieces.Length)]));

            var parsed = Parse(query);

            Assert.Same(query, parsed.Original);
            if (parsed is { MinPrice: { } min, MaxPrice: { } max })
            {
                Assert.True(min <= max, query);
            }
        }
    }
}
