using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aisle.Tests.Retrieval.AstraStandIn;

/// <summary>
/// A local stand-in for the AstraDB Data API, on Kestrel at 127.0.0.1 and a port the OS picks: the commands Aisle
/// sends, with the documented request and response JSON — <c>POST {endpoint}/api/json/v1/{keyspace}[/{collection}]</c>,
/// a <c>Token</c> header, <c>{"command": {...}}</c> bodies, <c>data</c> / <c>status</c> / <c>errors</c> answers, errors in
/// HTTP 200, <c>find</c> pages of 20 with <c>nextPageState</c>, vector searches of at most 1,000 in one page — and
/// faults a test queues (<see cref="StandInFault"/>): HTTP statuses, slow answers, errors, partial insert failures.
/// </summary>
public sealed class DataApiStandIn : IAsyncDisposable
{
    public const int PageSize = 20;
    public const int MaxInsertMany = 100;
    public const int MaxVectorLimit = 1000;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StandInCollection> _collections = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StandInFault> _faults = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private int _requests;

    private DataApiStandIn(WebApplication app, string token)
    {
        _app = app;
        Token = token;
    }

    public string Token { get; }

    public string Endpoint { get; private set; } = "";

    /// <summary>HTTP requests received, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every command received, in order (faulted ones included).</summary>
    public IReadOnlyCollection<string> Commands => _commands;

    public static async Task<DataApiStandIn> StartAsync(string token = "AstraCS:stand-in")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new DataApiStandIn(app, token);
        app.MapPost("/api/json/v1/{keyspace}", (string keyspace, HttpContext context) => standIn.HandleAsync(keyspace, null, context));
        app.MapPost("/api/json/v1/{keyspace}/{collection}", (string keyspace, string collection, HttpContext context) => standIn.HandleAsync(keyspace, collection, context));
        await app.StartAsync();
        standIn.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    /// <summary>Queues a fault for the next request it matches.</summary>
    public void Inject(StandInFault fault) => _faults.Enqueue(fault);

    public StandInCollection? Collection(string keyspace, string collection) => _collections.GetValueOrDefault($"{keyspace}/{collection}");

    public int CountOf(string command) => _commands.Count(c => c == command);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(string keyspace, string? collectionName, HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!string.Equals(context.Request.Headers["Token"], Token, StringComparison.Ordinal))
        {
            return Results.Json(new { errors = new[] { new { message = "Role unauthorized for operation", errorCode = "UNAUTHENTICATED_REQUEST" } } }, statusCode: 401);
        }

        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        if (body is not { Count: 1 })
        {
            return Errors("INVALID_REQUEST", "Request must hold exactly one command.");
        }

        var (command, argumentsNode) = body.First();
        var arguments = argumentsNode as JsonObject ?? [];
        _commands.Enqueue(command);
        IReadOnlySet<string>? failIds = null;
        if (_faults.TryPeek(out var fault) && (fault.Command is null || fault.Command == command) && _faults.TryDequeue(out fault))
        {
            if (fault.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (fault.Status is { } status)
            {
                return Results.Text($"{{\"message\":\"stand-in fault {status}\"}}", "application/json", Encoding.UTF8, status);
            }

            if (fault.ErrorCode is { } code)
            {
                return Errors(code, $"Stand-in fault {code}.");
            }

            failIds = fault.FailIds;
        }

        try
        {
            if (collectionName is null)
            {
                return command == "createCollection" ? CreateCollection(keyspace, arguments) : Errors("NO_COMMAND_MATCHED", $"No \"{command}\" command on a keyspace.");
            }

            if (Collection(keyspace, collectionName) is not { } collection)
            {
                return Errors("COLLECTION_NOT_EXIST", $"Collection does not exist, collection name: {collectionName}");
            }

            return command switch
            {
                "insertMany" => InsertMany(collection, arguments, failIds),
                "findOneAndReplace" => FindOneAndReplace(collection, arguments),
                "updateOne" => UpdateOne(collection, arguments),
                "deleteOne" => Status(new JsonObject { ["deletedCount"] = collection.Delete(Filter(arguments)) }),
                "findOne" => FindOne(collection, arguments),
                "find" => Find(collection, arguments),
                "estimatedDocumentCount" => Status(new JsonObject { ["count"] = collection.Count }),
                _ => Errors("NO_COMMAND_MATCHED", $"No \"{command}\" command found as \"CollectionCommand\"."),
            };
        }
        catch (StandInError error)
        {
            return Errors(error.ErrorCode, error.Message);
        }
    }

    private IResult CreateCollection(string keyspace, JsonObject arguments)
    {
        var name = arguments["name"]!.ToString();
        var dimension = arguments["options"]?["vector"]?["dimension"]?.GetValue<int>() ?? throw new StandInError("INVALID_REQUEST", "Only vector collections here.");
        var metric = arguments["options"]?["vector"]?["metric"]?.ToString() ?? "cosine";
        if (metric != "cosine")
        {
            throw new StandInError("INVALID_REQUEST", "The stand-in ranks by cosine only.");
        }

        var existing = _collections.GetOrAdd($"{keyspace}/{name}", _ => new StandInCollection(dimension));
        return existing.Dimension == dimension
            ? Status(new JsonObject { ["ok"] = 1 })
            : Errors("EXISTING_COLLECTION_DIFFERENT_SETTINGS", $"Collection already exists with different settings: {name}");
    }

    private static IResult InsertMany(StandInCollection collection, JsonObject arguments, IReadOnlySet<string>? failIds)
    {
        var documents = arguments["documents"]!.AsArray();
        if (documents.Count > MaxInsertMany)
        {
            throw new StandInError("COMMAND_FIELD_INVALID", $"Request invalid: field 'command.documents' value has too many documents ({documents.Count}); at most {MaxInsertMany}.");
        }

        var ordered = arguments["options"]?["ordered"]?.GetValue<bool>() ?? true;
        var inserted = new JsonArray();
        var errors = new JsonArray();
        foreach (var document in documents.OfType<JsonObject>())
        {
            var id = document["_id"]?.ToString();
            string? failure = null;
            try
            {
                if (id is not null && failIds?.Contains(id) == true)
                {
                    failure = "SERVER_FAILURE";
                    errors.Add(Error(failure, $"Failed to insert document with _id '{id}': stand-in partial failure."));
                }
                else if (!collection.TryInsert(document))
                {
                    failure = "DOCUMENT_ALREADY_EXISTS";
                    errors.Add(Error(failure, $"Failed to insert document with _id '{id}': Document already exists with the given _id"));
                }
                else
                {
                    inserted.Add(id);
                }
            }
            catch (StandInError error)
            {
                failure = error.ErrorCode;
                errors.Add(Error(error.ErrorCode, error.Message));
            }

            if (failure is not null && ordered)
            {
                break;
            }
        }

        var response = new JsonObject { ["status"] = new JsonObject { ["insertedIds"] = inserted } };
        if (errors.Count > 0)
        {
            response["errors"] = errors;
        }

        return Json(response);
    }

    private static IResult FindOneAndReplace(StandInCollection collection, JsonObject arguments)
    {
        var replacement = (JsonObject)arguments["replacement"]!.DeepClone();
        var upsert = arguments["options"]?["upsert"]?.GetValue<bool>() ?? false;
        var (matched, upsertedId) = collection.Replace(Filter(arguments), replacement, upsert);
        var status = new JsonObject { ["matchedCount"] = matched, ["modifiedCount"] = matched };
        if (upsertedId is not null)
        {
            status["upsertedId"] = upsertedId;
        }

        return Json(new JsonObject
        {
            ["data"] = new JsonObject { ["document"] = matched > 0 || upsertedId is not null ? new JsonObject { ["_id"] = replacement["_id"]!.DeepClone() } : null },
            ["status"] = status,
        });
    }

    private static IResult UpdateOne(StandInCollection collection, JsonObject arguments)
    {
        var matched = collection.Update(Filter(arguments), arguments["update"]!.AsObject());
        return Status(new JsonObject { ["matchedCount"] = matched, ["modifiedCount"] = matched });
    }

    private static IResult FindOne(StandInCollection collection, JsonObject arguments)
    {
        var document = collection.Find(Filter(arguments)).FirstOrDefault();
        return Json(new JsonObject { ["data"] = new JsonObject { ["document"] = document is null ? null : Project(document, arguments["projection"] as JsonObject) } });
    }

    private static IResult Find(StandInCollection collection, JsonObject arguments)
    {
        var options = arguments["options"] as JsonObject;
        var projection = arguments["projection"] as JsonObject;
        var filter = Filter(arguments);
        var page = new JsonArray();
        string? next = null;
        if (arguments["sort"]?["$vector"] is JsonArray vector)
        {
            var limit = options?["limit"]?.GetValue<int>() ?? MaxVectorLimit;
            if (limit > MaxVectorLimit)
            {
                throw new StandInError("COMMAND_FIELD_INVALID", $"Request invalid: limit must be at most {MaxVectorLimit} for vector search.");
            }

            var query = vector.Select(c => c!.GetValue<float>()).ToArray();
            if (query.Length != collection.Dimension || query.All(c => c == 0))
            {
                throw new StandInError("SHRED_BAD_VECTOR_SIZE", "Sort vector has the wrong dimension or is zero.");
            }

            var includeSimilarity = options?["includeSimilarity"]?.GetValue<bool>() ?? false;
            foreach (var (document, similarity) in collection.Nearest(filter, query, limit))
            {
                var projected = Project(document, projection);
                if (includeSimilarity)
                {
                    projected["$similarity"] = similarity;
                }

                page.Add(projected);
            }
        }
        else
        {
            var all = collection.Find(filter);
            var offset = options?["pageState"]?.ToString() is { } state ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(state))) : 0;
            var limit = options?["limit"]?.GetValue<int>() ?? int.MaxValue;
            var end = Math.Min(Math.Min(all.Count, limit), offset + PageSize);
            for (var i = offset; i < end; i++)
            {
                page.Add(Project(all[i], projection));
            }

            next = end < Math.Min(all.Count, limit) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(end.ToString())) : null;
        }

        return Json(new JsonObject { ["data"] = new JsonObject { ["documents"] = page, ["nextPageState"] = next } });
    }

    // The Data API leaves $vector out unless it is asked for; an inclusion projection keeps only the named fields and _id.
    private static JsonObject Project(JsonObject document, JsonObject? projection)
    {
        var included = projection?.Where(p => p.Value?.GetValueKind() == System.Text.Json.JsonValueKind.Number && p.Value.GetValue<int>() == 1)
            .Select(p => p.Key).ToHashSet() ?? [];
        var result = new JsonObject();
        foreach (var (field, value) in document)
        {
            var keep = included.Count == 0 ? field != "$vector" : field == "_id" || included.Contains(field);
            if (keep)
            {
                result[field] = value?.DeepClone();
            }
        }

        return result;
    }

    private static JsonObject Filter(JsonObject arguments) => arguments["filter"] as JsonObject ?? [];

    private static JsonObject Error(string code, string message) => new() { ["message"] = message, ["errorCode"] = code };

    private static IResult Errors(string code, string message) => Json(new JsonObject { ["errors"] = new JsonArray(Error(code, message)) });

    private static IResult Status(JsonObject status) => Json(new JsonObject { ["status"] = status });

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8, (int)HttpStatusCode.OK);
}
