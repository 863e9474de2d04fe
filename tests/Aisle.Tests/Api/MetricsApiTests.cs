using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aisle.Tests.Catalog;

namespace Aisle.Tests.Api;

/// <summary>
/// /metrics as Prometheus reads it. Counters are process-wide and other tests move them too, so assertions compare
/// before and after with "at least", never exact totals.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class MetricsApiTests(AisleAppFixture app)
{
    [Fact]
    public async Task EveryAisleMetricIsDocumentedAndEveryDocumentedOneIsExported()
    {
        var documented = DocumentedMetric().Matches(await File.ReadAllTextAsync(Path.Combine(RepoFiles.Root, "docs", "metrics.md")))
            .Select(m => m.Groups[1].Value).ToHashSet();
        var exported = ExportedMetric().Matches(await app.Client.GetStringAsync("/metrics"))
            .Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Empty(documented.Except(exported));
        Assert.Empty(exported.Except(documented));
    }

    [Fact]
    public async Task BusinessAndLlmSeriesReadZeroBeforeAnythingHappensRatherThanBeingAbsent()
    {
        var metrics = await app.Client.GetStringAsync("/metrics");

        Assert.NotNull(Sample(metrics, "aisle_llm_calls_total{purpose=\"query_understanding\"}"));
        Assert.NotNull(Sample(metrics, "aisle_llm_fallbacks_total{purpose=\"query_understanding\",reason=\"timeout\"}"));
        Assert.NotNull(Sample(metrics, "aisle_llm_circuit_state{purpose=\"query_understanding\"}"));
        Assert.NotNull(Sample(metrics, "aisle_clicks_total{experiment=\"none\",variant=\"default\"}"));
        Assert.NotNull(Sample(metrics, "aisle_impressions_total{experiment=\"none\",variant=\"default\",surface=\"trending\"}"));
    }

    [Fact]
    public async Task ItemsReturnedInAListCountAsImpressionsOfTheirSurface()
    {
        const string series = "aisle_impressions_total{experiment=\"none\",variant=\"default\",surface=\"search\"}";
        var before = Sample(await app.Client.GetStringAsync("/metrics"), series) ?? 0;

        var list = await app.Client.GetListAsync("/api/search?q=analog%20watch&limit=7");
        var after = Sample(await app.Client.GetStringAsync("/metrics"), series) ?? 0;

        Assert.NotEmpty(list.Items);
        Assert.True(after >= before + list.Items.Length, $"impressions went from {before} to {after} for {list.Items.Length} items");
    }

    [Fact]
    public async Task OutOfStockGaugeFollowsStockReachingAndLeavingZero()
    {
        var target = (await app.Client.GetListAsync("/api/search?q=coffee%20mug&inStock=true&limit=1")).Items[0];

        // Other test apps in this process share the gauge (prometheus-net's static registry) and set it when they
        // load: compare readings taken right after each change, and allow a second try if one of them interfered.
        var step = double.NaN;
        for (var attempt = 0; attempt < 3 && step != 1; attempt++)
        {
            await SetStockAsync(target.Id, 0);
            var soldOut = Sample(await app.Client.GetStringAsync("/metrics"), "aisle_out_of_stock_products");
            await SetStockAsync(target.Id, 5);
            var restocked = Sample(await app.Client.GetStringAsync("/metrics"), "aisle_out_of_stock_products");
            step = (soldOut ?? double.NaN) - (restocked ?? double.NaN);
        }

        Assert.Equal(1, step);
    }

    private async Task SetStockAsync(string productId, int stock)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/products/{productId}/stock") { Content = JsonContent.Create(new { stock }) };
        request.Headers.Add("X-Api-Key", AisleApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task APurchaseRefusedForStockCountsAStockOutAndAnAcceptedOneCountsAConversionAndItsRevenue()
    {
        var target = (await app.Client.GetListAsync("/api/search?q=wall%20clock&inStock=true&minPrice=1&limit=1")).Items[0];
        using var restock = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/products/{target.Id}/stock") { Content = JsonContent.Create(new { stock = 1 }) };
        restock.Headers.Add("X-Api-Key", AisleApp.AdminKey);
        using var restocked = await app.Client.SendAsync(restock);
        var before = await app.Client.GetStringAsync("/metrics");

        using var refused = await app.Client.PostAsJsonAsync("/api/events", new { userId = "metrics-buyer", kind = "purchase", productId = target.Id, quantity = 2 });
        using var bought = await app.Client.PostAsJsonAsync("/api/events", new { userId = "metrics-buyer", kind = "purchase", productId = target.Id, quantity = 1 });
        var after = await app.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, restocked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        Assert.True(Sample(after, "aisle_stockouts_total") >= Sample(before, "aisle_stockouts_total") + 1);
        const string conversions = "aisle_conversions_total{experiment=\"none\",variant=\"default\"}";
        Assert.True(Sample(after, conversions) >= Sample(before, conversions) + 1);
        const string revenue = "aisle_revenue_inr_total{experiment=\"none\",variant=\"default\"}";
        Assert.True(Sample(after, revenue) >= Sample(before, revenue) + (double)target.Price!.Value);
    }

    private static double? Sample(string metrics, string series) => MetricsText.Sample(metrics, series);

    [GeneratedRegex(@"^\| `(aisle_[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedMetric();

    [GeneratedRegex(@"^# TYPE (aisle_[a-z_]+) ", RegexOptions.Multiline)]
    private static partial Regex ExportedMetric();
}
