using System.Net.Http.Json;
using Aisle.Catalog;
using Aisle.Cli.SearchEvaluation;
using Aisle.Tests.Catalog;
using Xunit.Abstractions;

namespace Aisle.Tests.Api;

/// <summary>
/// Product families through the running app: a fixed set of judged searches and shoppers sees distinct families in
/// its lists (the figure in docs/evaluation.md), and a product's page offers its variants.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FamiliesPerListApiTests(AisleAppFixture app, ITestOutputHelper output)
{
    /// <summary>Distinct families over items shown, summed over every list; issue 13 asks for at least this.</summary>
    private const double Goal = 0.95;

    private const int Queries = 30;

    private const int Shoppers = 10;

    [Fact]
    public async Task JudgedSearchesAndShoppersSeeDistinctFamilies()
    {
        var products = CatalogLoader.Load(RepoFiles.Catalog20k).Products;
        var families = ProductFamilies.Of(products);
        var keyOf = products.ToDictionary(p => p.Id, ProductFamilies.Key);
        var lists = new List<(string Kind, ListDto List)>();
        foreach (var judgement in SearchJudgements.Read(Path.Combine(RepoFiles.Root, SearchJudgements.DefaultFile)).Judgements.Take(Queries))
        {
            lists.Add(("search", await app.Client.GetListAsync($"/api/search?q={Uri.EscapeDataString(judgement.Query)}&limit=10")));
        }

        // Shoppers of the largest families (the 141 tablet covers first): each views two variants of one product.
        var seeds = Enumerable.Range(0, products.Count).Where(row => families.FamilyOf(row) == row && families.Members(row).Count > 1)
            .OrderByDescending(row => families.Members(row).Count).ThenBy(row => row).Take(Shoppers).ToArray();
        foreach (var seed in seeds)
        {
            var user = $"families-{products[seed].Id}";
            using var posted = await app.Client.PostEventsAsync(new
            {
                events = families.Members(seed).Take(2).Select(row => new { userId = user, kind = "view", productId = products[row].Id }),
            });
            lists.Add(("recommend", await app.Client.GetListAsync($"/api/users/{user}/recommendations?limit=10")));
            lists.Add(("similar", await app.Client.GetListAsync($"/api/products/{products[seed].Id}/similar?limit=10")));
        }

        foreach (var kind in lists.GroupBy(l => l.Kind))
        {
            output.WriteLine($"{kind.Key}: {kind.Count()} lists, distinct families per item shown {Share(kind.Select(l => l.List), keyOf):F3}");
        }

        var share = Share(lists.Select(l => l.List), keyOf);
        output.WriteLine($"all: {lists.Count} lists, distinct families per item shown {share:F3}");
        Assert.All(lists, l => Assert.NotEmpty(l.List.Items));
        Assert.True(share >= Goal, $"distinct families per item shown {share:F3}");
    }

    [Fact]
    public async Task AShopperWhoViewedBonzerBelliesSeesThemOnceAndTheProductOffersTheOtherPairs()
    {
        var bellies = CatalogLoader.Load(RepoFiles.Catalog20k).Products.Where(p => p.Name == "Bonzer Bellies").Select(p => p.Id).ToArray();
        var user = "families-bellies-" + Guid.NewGuid().ToString("N")[..8];

        using var posted = await app.Client.PostEventsAsync(new { events = new[] { new { userId = user, kind = "view", productId = bellies[0] } } });
        var similar = await app.Client.GetListAsync($"/api/products/{bellies[0]}/similar?userId={user}&limit=5");
        var product = await app.Client.GetFromJsonAsync<ProductDto>($"/api/products/{bellies[0]}", ApiJson.Options);

        Assert.True(similar.Items.Count(i => i.Name == "Bonzer Bellies") <= 1, string.Join(" | ", similar.Items.Select(i => i.Name)));
        Assert.Equal(bellies[1..].Order(), product!.Siblings!.Select(s => s.Id).Order());
        Assert.Equal(2, product.SiblingCount);
    }

    private static double Share(IEnumerable<ListDto> lists, IReadOnlyDictionary<string, string> keyOf)
    {
        int shown = 0, distinct = 0;
        foreach (var list in lists)
        {
            shown += list.Items.Length;
            distinct += list.Items.Select(i => keyOf[i.Id]).Distinct().Count();
        }

        return shown == 0 ? 0 : (double)distinct / shown;
    }
}
