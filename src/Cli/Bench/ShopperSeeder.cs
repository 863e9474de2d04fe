using System.Net.Http.Json;
using Aisle.Catalog;

namespace Aisle.Cli.Bench;

/// <summary>
/// Gives benchmark shoppers a history of 5–50 events each — mostly views, some clicks and adds to cart, wandering
/// within one department as real sessions do — through <c>POST /api/events</c>, so recommendations and personalised
/// searches run the personal pipelines rather than the cold-start one. Purchases are left out: they would spend stock.
/// </summary>
public sealed class ShopperSeeder(HttpClient client)
{
    public const int MinEvents = 5;
    public const int MaxEvents = 50;

    public async Task<int> SeedAsync(IReadOnlyList<string> shoppers, IReadOnlyList<Product> products, Random random, CancellationToken cancellationToken)
    {
        var byDepartment = products.Where(p => p.CategoryPath.Count > 0).GroupBy(p => p.CategoryPath[0])
            .Where(g => g.Count() >= MaxEvents).Select(g => g.ToArray()).ToArray();
        var batch = new List<object>();
        var sent = 0;
        foreach (var shopper in shoppers)
        {
            var department = byDepartment[random.Next(byDepartment.Length)];
            var count = random.Next(MinEvents, MaxEvents + 1);
            for (var i = 0; i < count; i++)
            {
                var roll = random.NextDouble();
                var kind = roll < 0.8 ? "view" : roll < 0.95 ? "click" : "add_to_cart";
                batch.Add(new { userId = shopper, kind, productId = department[random.Next(department.Length)].Id });
            }

            if (batch.Count >= 500)
            {
                sent += await SendAsync(batch, cancellationToken);
            }
        }

        return sent + await SendAsync(batch, cancellationToken);
    }

    private async Task<int> SendAsync(List<object> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        using var response = await client.PostAsJsonAsync("api/events", new { events = batch }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var sent = batch.Count;
        batch.Clear();
        return sent;
    }
}
