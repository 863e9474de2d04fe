using System.Net;
using System.Net.Http.Json;
using Aisle.Tests.Api;

namespace Aisle.Tests.Ranking;

/// <summary>The admin endpoint for merchandising rules, on the real app (shared with the API tests, so every test
/// clears the rules it set).</summary>
[Collection(ApiCollection.Name)]
public sealed class RulesApiTests(AisleAppFixture app)
{
    [Fact]
    public async Task APinnedProductLeadsTheListWithAReasonUntilTheRuleIsRemoved()
    {
        var before = await app.Client.GetListAsync("/api/trending?limit=10");
        var target = before.Items[5].Id;
        try
        {
            using var set = await SendAsync(HttpMethod.Put, new { rules = new[] { new { action = "pin", target = "product", value = target } } });
            var pinned = await app.Client.GetListAsync("/api/trending?limit=10");
            using var read = await SendAsync(HttpMethod.Get, null);

            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(target, pinned.Items[0].Id);
            Assert.Equal("Featured by the store", pinned.Items[0].Reasons[0]);
            Assert.Contains(target, await read.Content.ReadAsStringAsync());
        }
        finally
        {
            using var clear = await SendAsync(HttpMethod.Put, new { rules = Array.Empty<object>() });
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        }

        var after = await app.Client.GetListAsync("/api/trending?limit=10");
        Assert.Equal(before.Items.Select(i => i.Id), after.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task RulesNeedTheAdminKeyAndValidFields()
    {
        using var noKey = await app.Client.PutAsJsonAsync("/api/admin/rules", new { rules = Array.Empty<object>() });
        using var bad = await SendAsync(HttpMethod.Put, new { rules = new[] { new { action = "promote", target = "colour", value = "", amount = -1.0 } } });

        await noKey.AssertProblemAsync(401);
        await bad.AssertProblemAsync(400);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("rules[0].action", body);
        Assert.Contains("rules[0].target", body);
        Assert.Contains("rules[0].value", body);
        Assert.Contains("rules[0].amount", body);
    }

    [Fact]
    public async Task SavedRulesSurviveARestartAndTheSiloReportsTheirVersion()
    {
        var data = Path.Combine(Path.GetTempPath(), "aisle-rules-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string target;
            await using (var first = await AisleApp.StartAsync(data))
            {
                target = (await first.Client.GetListAsync("/api/trending?limit=10")).Items[7].Id;
                using var set = await SendAsync(first.Client, HttpMethod.Put, new { rules = new[] { new { action = "pin", target = "product", value = target } } });
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
                Assert.Equal(1, MetricsText.Sample(await first.Client.GetStringAsync("/metrics"), "aisle_rules_version"));
            }

            await using var second = await AisleApp.StartAsync(data);
            var pinned = await second.Client.GetListAsync("/api/trending?limit=10");

            Assert.Equal(target, pinned.Items[0].Id);
            Assert.Equal(1, MetricsText.Sample(await second.Client.GetStringAsync("/metrics"), "aisle_rules_version"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, object? body) => SendAsync(app.Client, method, body);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, object? body)
    {
        var request = new HttpRequestMessage(method, "/api/admin/rules");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Add("X-Api-Key", AisleApp.AdminKey);
        return client.SendAsync(request);
    }
}
