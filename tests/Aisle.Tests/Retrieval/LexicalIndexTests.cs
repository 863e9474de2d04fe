using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

public sealed class LexicalIndexTests
{
    private static Product Item(string id, string name, string? brand = null, params string[] category) =>
        new(id, "sku-" + id, name, brand, category, 100m, null, null, null, 1);

    private static LexicalIndex SmallIndex() => new(
    [
        Item("1", "Nike Running Shoes", "Nike", "Footwear", "Men's Footwear", "Sports Shoes"),
        Item("2", "Analog Watch - For Men", "Sonata", "Watches", "Wrist Watches"),
        Item("3", "Cotton Kurta", "Biba", "Clothing", "Women's Clothing", "Kurtas"),
        Item("4", "Leather Wallet", "Woodland", "Bags, Wallets & Belts", "Wallets"),
    ]);

    [Fact]
    public void LowerCaseSingularMatchesCapitalisedPlural()
    {
        using var index = SmallIndex();

        Assert.Equal("1", index.Search("shoe", 10)[0].Id);
        Assert.Equal("2", index.Search("WATCHES", 10)[0].Id);
    }

    [Fact]
    public void MenMatchesPossessiveMen()
    {
        using var index = new LexicalIndex([Item("a", "Slim Fit Men's Jeans"), Item("b", "Slim Fit Women's Jeans")]);

        var hits = index.Search("mens jeans", 10);

        Assert.Equal("a", hits[0].Id);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void BrandAndCategoryWordsAreSearchable()
    {
        using var index = SmallIndex();

        Assert.Equal(["4"], index.Search("woodland", 10).Select(h => h.Id));
        Assert.Equal(["3"], index.Search("women's clothing", 10).Select(h => h.Id));
    }

    [Fact]
    public void AWordInTheNameOutweighsTheSameWordInTheCategory()
    {
        using var index = new LexicalIndex([Item("cat", "Blue Kurta", null, "Shoes"), Item("name", "Shoes Rack", null, "Furniture")]);

        Assert.Equal("name", index.Search("shoes", 10)[0].Id);
    }

    [Fact]
    public void RejectedProductsAreSkippedAndOthersFillTheList()
    {
        using var index = SmallIndex();

        var hits = index.Search("men", 10, id => id != "1");

        Assert.Equal(["2"], hits.Select(h => h.Id));
    }

    [Fact]
    public void ResultsAreBestFirstAndCutAtK()
    {
        using var index = new LexicalIndex([Item("a", "red shoe"), Item("b", "red red shoe"), Item("c", "shoe")]);

        var hits = index.Search("red shoe", 2);

        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score);
        Assert.DoesNotContain(hits, h => h.Id == "c");
    }

    [Fact]
    public void EqualScoresAreOrderedById()
    {
        using var index = new LexicalIndex([Item("b", "Steel Bottle"), Item("c", "Steel Bottle"), Item("a", "Steel Bottle")]);

        Assert.Equal(["a", "b", "c"], index.Search("bottle", 10).Select(h => h.Id));
        Assert.Equal(["a", "b"], index.Search("bottle", 2).Select(h => h.Id));
    }

    [Theory]
    [InlineData("\"((")]
    [InlineData("AND")]
    [InlineData("*")]
    [InlineData("name:shoe~2 OR ^3 [a TO z] \\")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and")]
    [InlineData("💥🔥 ﷽ \ud800")]
    public void HostileTextNeverThrows(string text)
    {
        using var index = SmallIndex();

        var hits = index.Search(text, 10);

        Assert.NotNull(hits);
    }

    [Fact]
    public void AMegabyteQueryIsCutNotRejected()
    {
        using var index = SmallIndex();

        var hits = index.Search("wallet " + new string('x', 1 << 20), 10);

        Assert.Equal("4", hits[0].Id);
    }

    [Fact]
    public void NonPositiveKGivesNoHits()
    {
        using var index = SmallIndex();

        Assert.Empty(index.Search("shoe", 0));
        Assert.Empty(index.Search("shoe", -5));
    }

    [Fact]
    public void UpsertReplacesAndAddsProducts()
    {
        using var index = SmallIndex();

        index.Upsert(Item("4", "Canvas Backpack", "Wildcraft", "Bags, Wallets & Belts", "Bags"));
        index.Upsert(Item("5", "Leather Wallet", "Tommy", "Bags, Wallets & Belts", "Wallets"));

        Assert.Equal(["5"], index.Search("leather", 10).Select(h => h.Id));
        Assert.Equal(["4"], index.Search("backpack", 10).Select(h => h.Id));
        Assert.Equal(5, index.Count);
    }

    [Fact]
    public void ConcurrentSearchesGiveTheSameResultsAsSequentialOnes()
    {
        using var index = new LexicalIndex(Enumerable.Range(0, 500).Select(i => Item($"p{i:D3}", $"item{i % 7} shoe {i % 13} watch", null, "Cat" + (i % 5))));
        string[] queries = ["shoe item3", "watch 7", "cat2 item1", "item6", "shoe watch"];
        var expected = queries.Select(q => index.Search(q, 20)).ToArray();

        var mismatches = 0;
        Parallel.For(0, 400, i =>
        {
            var n = i % queries.Length;
            if (!index.Search(queries[n], 20).SequenceEqual(expected[n]))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
