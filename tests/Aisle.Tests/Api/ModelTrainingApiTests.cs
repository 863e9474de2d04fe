using System.Net;
using System.Net.Http.Json;
using Aisle.Learning;

namespace Aisle.Tests.Api;

/// <summary>
/// The running system retrains its learned model from the stored behaviour, publishes it to its silo, shows the
/// version in /metrics, and its recommendations then carry the model's proposals.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ModelTrainingApiTests(AisleAppFixture app)
{
    [Fact]
    public async Task ATrainingAskedForThroughTheAdminApiIsPublishedAndServed()
    {
        // Ten pairs of products, each pair walked in order by six shoppers: a→b is what the model must learn.
        var products = (await app.Client.GetListAsync("/api/trending?limit=40")).Items.Select(i => i.Id).Distinct().Take(20).ToArray();
        Assert.Equal(20, products.Length);
        for (var shopper = 0; shopper < 60; shopper++)
        {
            var pair = shopper % 10;
            using var sent = await app.Client.PostEventsAsync(new[]
            {
                new { userId = $"model-shopper-{shopper}", kind = "view", productId = products[2 * pair] },
                new { userId = $"model-shopper-{shopper}", kind = "view", productId = products[2 * pair + 1] },
            });
            sent.EnsureSuccessStatusCode();
        }

        // Twice: a run the schedule started before every event above was stored would be joined by the first request;
        // the second run surely reads them all, and a model at least as good as the one served is published.
        ModelTrainingStatus status = null!;
        for (var run = 0; run < 2; run++)
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, "/api/admin/model/train");
            start.Headers.Add("X-Api-Key", AisleApp.AdminKey);
            using var started = await app.Client.SendAsync(start);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            status = await WaitAsync(async () =>
            {
                using var ask = new HttpRequestMessage(HttpMethod.Get, "/api/admin/model");
                ask.Headers.Add("X-Api-Key", AisleApp.AdminKey);
                using var answer = await app.Client.SendAsync(ask);
                var s = await answer.Content.ReadFromJsonAsync<ModelTrainingStatus>(ApiJson.Options);
                return (s is { Running: false, Last: not null }, s!);
            }, TimeSpan.FromMinutes(2));
        }

        Assert.Contains(status.Last!.Outcome, new[] { TrainingOutcome.PublishedOutcome, TrainingOutcome.KeptPrevious });
        Assert.True(status.Version >= 1, $"version {status.Version} after {status.Last}");

        // A shopper the model has never seen is answered at once (trending), then from the model once they have a product.
        Assert.NotEmpty((await app.Client.GetListAsync("/api/users/model-newcomer/recommendations?limit=10")).Items);
        using var viewed = await app.Client.PostEventsAsync(new { userId = "model-newcomer", kind = "view", productId = products[0] });
        viewed.EnsureSuccessStatusCode();

        // The silo polls for a newer model every SyncInterval (10 s by default).
        var next = await WaitAsync(async () =>
        {
            var recommended = await app.Client.GetListAsync("/api/users/model-newcomer/recommendations?limit=10");
            var item = recommended.Items.SingleOrDefault(i => i.Id == products[1]);
            return (item?.Sources.Contains("learned") == true, item);
        }, TimeSpan.FromSeconds(30));
        Assert.NotNull(next);

        // Other tests of this process install models too (the gauges are process-wide): at least one is served.
        var metrics = await app.Client.GetStringAsync("/metrics");
        Assert.True(MetricsText.Sample(metrics, "aisle_model_version") >= 1);
        Assert.True(MetricsText.Sample(metrics, "aisle_model_age_seconds") >= 0);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<(bool Done, T Value)>> probe, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var (done, value) = await probe();
            if (done)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting; last: {value}");
            await Task.Delay(250);
        }
    }
}
