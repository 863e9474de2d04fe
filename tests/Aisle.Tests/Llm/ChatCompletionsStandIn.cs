using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aisle.Tests.Llm;

/// <summary>
/// A local server that speaks the OpenAI chat-completions protocol as xAI's endpoint does: <c>POST /v1/chat/completions</c>
/// with a bearer key, answered with a <c>chat.completion</c> object whose first choice carries the reply. Each test sets
/// how it answers (<see cref="Reply"/>) and reads what was asked (<see cref="Requests"/>). Real Kestrel on a loopback
/// port chosen by the OS.
/// </summary>
public sealed class ChatCompletionsStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _answered;

    private ChatCompletionsStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as <c>Aisle:Llm:Endpoint</c>: <c>http://127.0.0.1:{port}/v1</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>How the next requests are answered; by default a valid, empty reading of the query.</summary>
    public Func<StandInRequest, StandInReply> Reply { get; set; } = request => StandInReply.Json(Reading(request.Query));

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<StandInRequest> Requests { get; } = new();

    /// <summary>Responses written to the end (a delayed reply counts once it is sent; an abandoned one never).</summary>
    public int Answered => Volatile.Read(ref _answered);

    public static async Task<ChatCompletionsStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new ChatCompletionsStandIn(app);
        app.MapPost("/v1/chat/completions", standIn.HandleAsync);
        await app.StartAsync();
        standIn.Endpoint = app.Urls.First().TrimEnd('/') + "/v1";
        return standIn;
    }

    /// <summary>A reading as the model would give it; every schema field present, as strict structured outputs require.</summary>
    public static string Reading(
        string query, string? category = null, string? brand = null, double confidence = 0.9, double? maxPrice = null,
        string? productType = null, bool namesNeed = false, params (string Type, string Keywords)[] proposals) =>
        new JsonObject
        {
            ["product_type"] = productType,
            ["category"] = category,
            ["brand"] = brand,
            ["min_price"] = null,
            ["max_price"] = maxPrice,
            ["gender"] = null,
            ["colour"] = null,
            ["size"] = null,
            ["material"] = null,
            ["keywords"] = query,
            ["confidence"] = confidence,
            ["names_need"] = namesNeed,
            ["proposals"] = new JsonArray(proposals.Select(p => (JsonNode)new JsonObject { ["product_type"] = p.Type, ["keywords"] = p.Keywords }).ToArray()),
        }.ToJsonString();

    /// <summary>Complementary kinds as the model would give them for "complete the look".</summary>
    public static string Complements(params (string Type, string Keywords, string? Category)[] complements) =>
        new JsonObject
        {
            ["complements"] = new JsonArray(complements.Select(c => (JsonNode)new JsonObject
            {
                ["product_type"] = c.Type,
                ["keywords"] = c.Keywords,
                ["category"] = c.Category,
            }).ToArray()),
        }.ToJsonString();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var request = new StandInRequest(body.RootElement.Clone(), context.Request.Headers.Authorization.ToString());
        Requests.Enqueue(request);
        var reply = Reply(request);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up
            }
        }

        context.Response.StatusCode = (int)reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.Status != HttpStatusCode.OK)
        {
            await context.Response.WriteAsync("""{"error":{"message":"stand-in failure","type":"server_error"}}""");
        }
        else
        {
            var completion = new JsonObject
            {
                ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = request.Model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 40, ["total_tokens"] = 160 },
            };
            await context.Response.WriteAsync(completion.ToJsonString());
        }

        Interlocked.Increment(ref _answered);
    }
}

/// <summary>One chat-completions request as received.</summary>
public sealed record StandInRequest(JsonElement Body, string Authorization)
{
    public string? Model => Body.TryGetProperty("model", out var model) ? model.GetString() : null;

    /// <summary>The shopper's text: the last user message.</summary>
    public string Query => Body.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user")
        .GetProperty("content") is { ValueKind: JsonValueKind.String } content ? content.GetString()! : ContentText(Body);

    private static string ContentText(JsonElement body) =>
        string.Concat(body.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user")
            .GetProperty("content").EnumerateArray().Select(part => part.GetProperty("text").GetString()));
}

/// <summary>How the stand-in answers: a status, the assistant's content and a delay before answering.</summary>
public sealed record StandInReply(HttpStatusCode Status, string Content, TimeSpan Delay)
{
    public static StandInReply Json(string content, TimeSpan delay = default) => new(HttpStatusCode.OK, content, delay);

    public static StandInReply Failure(HttpStatusCode status) => new(status, "", TimeSpan.Zero);
}
