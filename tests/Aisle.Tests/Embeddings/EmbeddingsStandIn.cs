using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aisle.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aisle.Tests.Embeddings;

/// <summary>
/// A local server that speaks OpenAI's embeddings protocol: <c>POST /v1/embeddings</c> with a bearer key and
/// <c>{model, input, dimensions, encoding_format}</c>, answered with a <c>list</c> of <c>embedding</c> objects (floats, or
/// base64 of little-endian float32 when asked). Its vectors light one dimension per word, so texts sharing words are
/// close, as a real model would place them. Real Kestrel on a loopback port chosen by the OS.
/// </summary>
public sealed class EmbeddingsStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddingsStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as <c>Aisle:Embeddings:Endpoint</c>: <c>http://127.0.0.1:{port}/v1</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<EmbeddingsRequest> Requests { get; } = new();

    /// <summary>When set, every request is answered with this status and an error body.</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>Texts embedded so far, over every request.</summary>
    public int Embedded => Requests.Sum(r => r.Inputs.Count);

    public static async Task<EmbeddingsStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new EmbeddingsStandIn(app);
        app.MapPost("/v1/embeddings", standIn.HandleAsync);
        await app.StartAsync();
        standIn.Endpoint = app.Urls.First().TrimEnd('/') + "/v1";
        return standIn;
    }

    /// <summary>The stand-in's vector for a text: one dimension per word (hashed), unit length.</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in QueryTokens.Split(text))
        {
            // FNV-1a: the same dimension for a word in every process (string.GetHashCode is randomised per process).
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % (uint)dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = norm > 0 ? vector[i] / norm : 1f / MathF.Sqrt(dimensions);
        }

        return vector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var request = EmbeddingsRequest.From(body.RootElement, context.Request.Headers.Authorization.ToString());
        Requests.Enqueue(request);
        context.Response.ContentType = "application/json";
        if (FailWith is { } status)
        {
            context.Response.StatusCode = (int)status;
            await context.Response.WriteAsync("""{"error":{"message":"stand-in failure","type":"server_error"}}""");
            return;
        }

        var dimensions = request.Dimensions ?? 1536;
        var data = new JsonArray();
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var vector = Vector(request.Inputs[i], dimensions);
            JsonNode embedding = request.EncodingFormat == "base64"
                ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray(vector.Select(v => (JsonNode)v).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = request.Inputs.Sum(t => QueryTokens.Split(t).Count);
        await context.Response.WriteAsync(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request.Model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString());
    }
}

/// <summary>One embeddings request as received.</summary>
public sealed record EmbeddingsRequest(string? Model, IReadOnlyList<string> Inputs, int? Dimensions, string? EncodingFormat, string Authorization)
{
    public static EmbeddingsRequest From(JsonElement body, string authorization)
    {
        var input = body.GetProperty("input");
        IReadOnlyList<string> inputs = input.ValueKind == JsonValueKind.Array
            ? input.EnumerateArray().Select(v => v.GetString()!).ToArray()
            : [input.GetString()!];
        return new EmbeddingsRequest(
            body.TryGetProperty("model", out var model) ? model.GetString() : null,
            inputs,
            body.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Number ? dimensions.GetInt32() : null,
            body.TryGetProperty("encoding_format", out var format) ? format.GetString() : null,
            authorization);
    }
}
