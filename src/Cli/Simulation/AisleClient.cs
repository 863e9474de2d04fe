using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aisle.Experiments;

namespace Aisle.Cli.Simulation;

/// <summary>
/// The public HTTP API of a running Aisle, as the simulator uses it: lists, events, stock and experiments. Every
/// request waits for its slot in the <see cref="RequestPacer"/>, is counted in <see cref="Counters"/>, and is repeated
/// (up to 8 times) when Aisle answers 429 or 503, after its Retry-After or a short back-off.
/// </summary>
public sealed class AisleClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Web defaults, enums by name (numbers read too), NaN and infinities allowed, nulls not written.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly RequestPacer _pacer;

    public AisleClient(Uri baseAddress, string? apiKey, RequestPacer pacer, int connections)
    {
        _pacer = pacer;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }
    }

    /// <summary>Where requests are counted; the simulator swaps it per phase.</summary>
    public SimulationCounters Counters { get; set; } = new("setup");

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("health/ready", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Whether the running catalog holds <paramref name="productId"/>.</summary>
    public async Task<bool> HasProductAsync(string productId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"api/products/{Uri.EscapeDataString(productId)}", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public Task<ProductList> RecommendAsync(string userId, int limit, CancellationToken cancellationToken) =>
        GetJsonAsync<ProductList>($"api/users/{Uri.EscapeDataString(userId)}/recommendations?limit={limit}", cancellationToken);

    public Task<ProductList> SearchAsync(string query, string userId, int limit, CancellationToken cancellationToken) =>
        GetJsonAsync<ProductList>($"api/search?q={Uri.EscapeDataString(query)}&userId={Uri.EscapeDataString(userId)}&limit={limit}", cancellationToken);

    /// <summary>Sends one batch (≤ 1,000 events); returns how many Aisle refused.</summary>
    public async Task<int> SendEventsAsync(IReadOnlyList<SimEvent> events, CancellationToken cancellationToken)
    {
        var answer = await SendAsync<EventsAnswer>(() => new HttpRequestMessage(HttpMethod.Post, "api/events")
        {
            Content = JsonContent.Create(new { events }, options: Json),
        }, cancellationToken, accept: [HttpStatusCode.Conflict]);
        var rejected = answer?.Rejected?.Count ?? events.Count;
        Counters.Sent(events.Count, rejected);
        return rejected;
    }

    public Task SetStockAsync(string productId, int stock, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(() => new HttpRequestMessage(HttpMethod.Put, $"api/admin/products/{Uri.EscapeDataString(productId)}/stock")
        {
            Content = JsonContent.Create(new { stock }, options: Json),
        }, cancellationToken);

    public Task<ExperimentSet> ListExperimentsAsync(CancellationToken cancellationToken) =>
        GetJsonAsync<ExperimentSet>("api/admin/experiments", cancellationToken);

    public Task PutExperimentAsync(ExperimentSpec spec, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(() => new HttpRequestMessage(HttpMethod.Put, $"api/admin/experiments/{Uri.EscapeDataString(spec.Name!)}")
        {
            Content = JsonContent.Create(spec, options: Json),
        }, cancellationToken);

    public Task SetStatusAsync(string experiment, string status, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(() => new HttpRequestMessage(HttpMethod.Put, $"api/admin/experiments/{Uri.EscapeDataString(experiment)}/status")
        {
            Content = JsonContent.Create(new { status }, options: Json),
        }, cancellationToken);

    public Task<ExperimentReport> ReportAsync(string experiment, CancellationToken cancellationToken) =>
        GetJsonAsync<ExperimentReport>($"api/admin/experiments/{Uri.EscapeDataString(experiment)}/report", cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken) =>
        await SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken)
        ?? throw new SimulationException($"GET {path}: empty answer.");

    private async Task<T?> SendAsync<T>(Func<HttpRequestMessage> create, CancellationToken cancellationToken, HttpStatusCode[]? accept = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitAsync(cancellationToken);
            using var request = create();
            Counters.Request();
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 8)
            {
                Counters.Retry();
                var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100 * attempt);
                await Task.Delay(delay, cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode && accept?.Contains(response.StatusCode) != true)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new SimulationException(
                    $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {response.ReasonPhrase}. {body[..Math.Min(body.Length, 500)]}");
            }

            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
    }

    private sealed record EventsAnswer(int Accepted, IReadOnlyList<JsonElement>? Rejected);
}

/// <summary>A list as Aisle answers it, reduced to what the simulator reads.</summary>
public sealed record ProductList(IReadOnlyList<ProductListItem> Items, string RequestId, string? Experiment, string? Variant)
{
    public IReadOnlyList<string> Ids => Items.Select(i => i.Id).ToArray();
}

public sealed record ProductListItem(string Id);

/// <summary>One behaviour event as the simulator sends it (no timestamp: Aisle stamps it now, inside the
/// experiment's attribution window). Its own event id goes with it, so a batch the client retries is applied once.</summary>
public sealed record SimEvent(string UserId, string Kind, string ProductId, int? Quantity = null, string? RequestId = null)
{
    public string EventId { get; init; } = Guid.NewGuid().ToString("N");
}

/// <summary>Aisle answered something the simulator cannot go on from.</summary>
public sealed class SimulationException(string message) : Exception(message);
