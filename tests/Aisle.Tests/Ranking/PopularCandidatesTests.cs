using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Ranking.Candidates;

namespace Aisle.Tests.Ranking;

/// <summary>A category's most popular products are the same whether the category is large (walked in the shared
/// ranking) or small (its members scored directly): both equal scoring every product that passes the filter.</summary>
public sealed class PopularCandidatesTests
{
    [Theory]
    [InlineData("Home > Kitchen", 10, false)]
    [InlineData("Home > Kitchen", 30, true)]
    [InlineData("Home", 30, true)]
    [InlineData("Home > Garden", 10, false)]
    [InlineData("Home > Garden", 30, true)]
    [InlineData("Toys", 100, true)]
    public void The_top_of_a_category_is_the_best_scored_of_its_members(string category, int count, bool inStock)
    {
        var random = new Random(count);
        // 4,000 kitchen products (large: walked), 60 garden ones (small: scored), the rest toys.
        var products = Enumerable.Range(0, 6_000)
            .Select(i => new Product($"p{i}", $"s{i}", $"Product {i}", null,
                i < 4_000 ? ["Home", "Kitchen"] : i < 4_060 ? ["Home", "Garden"] : ["Toys"],
                10m, 10m, Math.Round(random.NextDouble() * 5, 6), null, random.Next(3) == 0 ? 0 : 5))
            .ToArray();
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, products.Select(_ => new[] { 1f, 0f }).ToArray());
        replica.MarkReady();
        var clock = TimeProvider.System;
        var popular = new PopularCandidates(replica, clock);
        var filter = new ProductFilter(category, InStockOnly: inStock);
        var now = clock.GetUtcNow();

        var actual = popular.Top(filter, count, now);

        var expected = Enumerable.Range(0, products.Length)
            .Where(row => filter.Accepts(replica, row))
            .OrderByDescending(row => PopularityRanking.Score(replica, row, now)).ThenBy(row => row)
            .Take(count)
            .ToArray();
        Assert.Equal(expected, actual.Select(a => a.Row));
    }
}
