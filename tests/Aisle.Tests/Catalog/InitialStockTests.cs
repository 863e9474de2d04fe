using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

public sealed class InitialStockTests
{
    [Theory]
    [InlineData("c2d766ca982eca8304150849735ffef9")]
    [InlineData("7f7036a6d550aaa89d34c77bd39a5e48")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("ünïcödé-id")]
    public void StockFollowsTheDocumentedRule(string id) => Assert.Equal(ReferenceRule(id), InitialStock.For(id));

    [Fact]
    public void RoughlyFivePercentOfSyntheticIdsAreOutOfStock()
    {
        var zero = 0;
        for (var i = 0; i < 20_000; i++)
        {
            zero += InitialStock.For($"product-{i}") == 0 ? 1 : 0;
        }

        Assert.InRange(zero / 20_000.0, 0.03, 0.08);
    }

    /// <summary>The rule of the XML comment, written out again: FNV-1a 64 over UTF-16LE, MurmurHash3 fmix64.</summary>
    private static int ReferenceRule(string id)
    {
        ulong h = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.Unicode.GetBytes(id))
        {
            h ^= b;
            h *= 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h % 100 < 5 ? 0 : 1 + (int)((h >> 32) % 100);
    }
}
