using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aisle.Tests.Api;

namespace Aisle.Tests.Storefront;

/// <summary>The experiment report page: behind the admin key, and showing what the report endpoint computes.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class AdminPageTests(AisleAppFixture app)
{
    [Fact]
    public async Task TheReportPageNeedsTheAdminKeyAndShowsTheVariantsAndCharts()
    {
        var name = "page-" + Guid.NewGuid().ToString("N")[..8];
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/experiments/{name}")
        {
            Headers = { { "X-Api-Key", AisleApp.AdminKey } },
            Content = JsonContent.Create(new
            {
                status = "draft",
                variants = new object[] { new { name = "control", weight = 50 }, new { name = "treatment", weight = 50, strategy = "popular" } },
            }),
        })
        {
            using var created = await app.Client.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        // A client of its own: its cookies (the admin session) must not leak into the other tests' client.
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };

        using var anonymous = await client.GetAsync($"/admin/experiments/{name}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/login", anonymous.Headers.Location!.OriginalString);

        var login = await client.GetStringAsync("/admin/login");
        var token = TokenPattern().Match(login).Groups[1].Value;
        using var wrong = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = "not-the-key", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        using var right = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = AisleApp.AdminKey, ["returnUrl"] = $"/admin/experiments/{name}", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.DoesNotContain(AisleApp.AdminKey, string.Join(";", right.Headers.GetValues("Set-Cookie")));

        using var page = await client.GetAsync($"/admin/experiments/{name}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Experiment {name}</h1>", html);
        Assert.Contains("data-variant=\"control\"", html);
        Assert.Contains("data-variant=\"treatment\"", html);
        Assert.Contains("Sample ratio check", html);
        Assert.Contains("<svg class=\"chart\"", html);

        using var unknown = await client.GetAsync("/admin/experiments/no-such-experiment");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/experiments/{name}") { Headers = { { "X-Api-Key", AisleApp.AdminKey } } };
        using var deleted = await app.Client.SendAsync(delete);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
