using System.Text.Json;
using Aisle.Catalog;

namespace Aisle.Cli.Bench;

/// <summary>
/// The scenarios of one benchmark run, built from the catalog the server runs and the shoppers seeded for it. Seeded
/// from <see cref="BenchSettings.Seed"/>, so two runs with one seed send the same requests.
/// </summary>
public static class BenchPlan
{
    public const string Health = "health/live";
    public const string Ready = "health/ready";
    private const int SimilarProducts = 500;

    /// <summary>Shoppers whose recommendations the personal pipeline serves. A running experiment may serve a share of
    /// them another strategy (e.g. most popular); those are left out of the recommendations row and counted.</summary>
    public static async Task<(IReadOnlyList<string> Personal, int ServedOtherwise)> PersonalShoppersAsync(
        HttpClient client, IReadOnlyList<string> shoppers, CancellationToken cancellationToken)
    {
        var personal = new List<string>();
        foreach (var shopper in shoppers)
        {
            await using var body = await client.GetStreamAsync($"api/users/{Uri.EscapeDataString(shopper)}/recommendations?limit=10", cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var sources = json.RootElement.GetProperty("items").EnumerateArray()
                .SelectMany(item => item.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
            if (sources.Any(s => s != "trending"))
            {
                personal.Add(shopper);
            }
        }

        return (personal, shoppers.Count - personal.Count);
    }

    public static IReadOnlyList<BenchScenario> Scenarios(
        BenchSettings settings, IReadOnlyList<Product> products, IReadOnlyList<string> personal, Random random)
    {
        var plain = BenchQueries.Mix.Select(q => Search(q.Text)).ToArray();
        var filtered = BenchQueries.Mix.Select(q => Search(q.Text) + "&" + q.Filters).ToArray();
        var personalised = BenchQueries.Mix.Select((q, i) => Search(q.Text) + "&userId=" + Uri.EscapeDataString(personal[i % personal.Count])).ToArray();
        var mix = plain.Concat(filtered).Concat(personalised).OrderBy(_ => random.Next()).ToArray();

        // Enough never-seen queries for a warm-up, a saturated run at twice the target and the paced run.
        var warmup = (int)(settings.Warmup.TotalSeconds * 4_000);
        var paced = (int)Math.Ceiling(settings.Rate * settings.Duration.TotalSeconds);
        var unseen = UnseenQueries.Generate(products, Math.Max(settings.Unseen, warmup + paced + 1_000), random).Select(Search).ToArray();

        var similar = products.OrderBy(_ => random.Next()).Take(SimilarProducts).Select(p => $"api/products/{p.Id}/similar?limit=10").ToArray();
        var departments = products.Where(p => p.CategoryPath.Count > 0).GroupBy(p => p.CategoryPath[0]).OrderByDescending(g => g.Count()).Take(10)
            .Select(g => "api/trending?limit=10&category=" + Uri.EscapeDataString(g.Key));
        return
        [
            BenchScenario.Cycled("search mix", $"{mix.Length} searches: {plain.Length} queries plain, with filters and personalised", mix),
            BenchScenario.Cycled("search plain", "the mix's queries without filters", plain),
            BenchScenario.Cycled("search filtered", "the same queries with category/price/stock filters", filtered),
            new("search unseen", $"{unseen.Length:N0} distinct queries from catalog words (genders, price phrases), each sent once",
                unseen[..warmup], unseen[(warmup + paced)..], unseen[warmup..(warmup + paced)], Stream: true),
            BenchScenario.Cycled("recommendations", $"{personal.Count} shoppers with {ShopperSeeder.MinEvents}–{ShopperSeeder.MaxEvents} events each", 
                personal.Select(u => $"api/users/{Uri.EscapeDataString(u)}/recommendations?limit=10").ToArray()),
            BenchScenario.Cycled("similar", $"{similar.Length} products", similar),
            BenchScenario.Cycled("trending", "all departments and the 10 largest", ["api/trending?limit=10", .. departments]),
        ];

        static string Search(string text) => "api/search?limit=10&q=" + Uri.EscapeDataString(text);
    }
}
