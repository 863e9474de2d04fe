using System.Net.Http.Json;
using System.Text.Json;

namespace Aisle.Tests.Api;

/// <summary>The wire shapes the tests read, as a storefront would: only what they assert on.</summary>
public sealed record ItemDto(string Id, string Name, string? Brand, string Category, decimal? Price, int Stock, double Score, string[] Reasons, string[] Sources);

public sealed record UnderstoodDto(string Text, double? MinPrice, double? MaxPrice, string? Brand, string? Category, string? Gender);

public sealed record ListDto(ItemDto[] Items, string RequestId, UnderstoodDto? Understood);

public sealed record ProductDto(ItemDto Product, string Sku, string? Description, ItemDto[]? Siblings = null, int SiblingCount = 0);

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<ListDto> GetListAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ListDto>(Options))!;
    }

    public static async Task<HttpResponseMessage> PostEventsAsync(this HttpClient client, object body) =>
        await client.PostAsJsonAsync("/api/events", body, Options);

    /// <summary>Asserts a 4xx answer with an <c>application/problem+json</c> body carrying the same status.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":" + status, body.Replace(" ", "", StringComparison.Ordinal));
    }
}
