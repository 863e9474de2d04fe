using System.Net.Http.Json;
using System.Text.Json;

namespace Aisle.Tests.Cluster;

/// <summary>Small helpers over the frontend's HTTP API for the cluster tests.</summary>
internal static class ClusterApi
{
    public const string AdminKey = Api.AisleApp.AdminKey;

    /// <summary>Product ids of a search, as a way to pick real catalog products.</summary>
    public static async Task<string[]> ProductIdsAsync(HttpClient http, string query, int limit)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/search?q={Uri.EscapeDataString(query)}&limit={limit}"));
        return document.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToArray();
    }

    /// <summary>Whether a failed answer is what a client may retry: a 503 problem+json with <c>Retry-After</c>.</summary>
    public static bool IsRetryableProblem(HttpResponseMessage response) =>
        response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable
        && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
        && response.Headers.RetryAfter is not null;

    public static async Task SetStockAsync(HttpClient http, string productId, int stock)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/products/{productId}/stock")
        {
            Content = JsonContent.Create(new { stock }),
        };
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts a batch once; returns the status code and how many events were accepted.</summary>
    public static Task<(int Status, int Accepted)> PostEventsAsync(HttpClient http, IEnumerable<object> events) =>
        PostEventsRetryingAsync(http, [.. events], TimeSpan.Zero);

    /// <summary>
    /// Posts a batch as a client should: a 503 (the cluster busy or failing over, with <c>Retry-After</c>) is retried
    /// after the time it asks for, until <paramref name="within"/> has passed (zero: one attempt). The events must carry ids, so a retry of
    /// a batch that was applied before its answer was lost is not applied twice.
    /// </summary>
    public static async Task<(int Status, int Accepted)> PostEventsRetryingAsync(HttpClient http, IReadOnlyList<object> events, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await http.PostAsJsonAsync("/api/events", new { events });
            var status = (int)response.StatusCode;
            if (status == 200)
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return (status, document.RootElement.GetProperty("accepted").GetInt32());
            }

            if (status != 503 || DateTime.UtcNow >= deadline)
            {
                return (status, 0);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }
}
