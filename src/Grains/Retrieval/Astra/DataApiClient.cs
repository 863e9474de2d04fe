using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aisle.Recommendations;
using Polly.Timeout;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// A typed client for the few AstraDB Data API commands Aisle uses, over <see cref="HttpClient"/>: every command is a
/// POST of <c>{"commandName": {...}}</c> to the collection's (or keyspace's) URL with the <c>Token</c> header. Retries,
/// backoff and timeouts are the HTTP clients' resilience handlers (<see cref="AstraDbRegistration"/>): one client for
/// searches, with a budget a page can afford, one for writes. A response's <c>errors</c> array (HTTP 200) becomes a
/// <see cref="DataApiException"/>; no answer in time, or 429/5xx after the retries, a
/// <see cref="VectorStoreUnavailableException"/>.
/// </summary>
public sealed class DataApiClient(HttpClient reads, HttpClient writes, AstraDbOptions options)
{
    /// <summary>The Data API answers a vector search with a single page of at most this many documents.</summary>
    public const int MaxVectorSearchLimit = 1000;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public AstraDbOptions Options { get; } = options;

    /// <summary>Creates the vector collection (cosine, <see cref="AstraDbOptions.Dimensions"/>). The Data API answers
    /// ok when a collection of that name and those settings exists, so calling it again is harmless.</summary>
    public Task CreateCollectionAsync(CancellationToken cancellationToken) =>
        SendAsync(writes, Options.KeyspaceUri, "createCollection", new JsonObject
        {
            ["name"] = Options.Collection,
            ["options"] = new JsonObject
            {
                ["vector"] = new JsonObject { ["dimension"] = Options.Dimensions, ["metric"] = "cosine" },
            },
        }, cancellationToken);

    /// <summary>
    /// <c>insertMany</c> with <c>ordered: false</c>, so one failing document does not stop the others. Returns the ids
    /// the API reports inserted and the errors it reports beside them (a partial failure is an answer, not an exception).
    /// </summary>
    public async Task<InsertManyResult> InsertManyAsync(IReadOnlyList<JsonObject> documents, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            // Copies: a document the API does not insert is sent again by ReplaceAsync, and a JSON node has one parent.
            ["documents"] = new JsonArray([.. documents.Select(d => d.DeepClone())]),
            ["options"] = new JsonObject { ["ordered"] = false },
        };
        var response = await SendAsync(writes, Options.CollectionUri, "insertMany", body, cancellationToken, throwOnErrors: false);
        var inserted = response["status"]?["insertedIds"]?.AsArray().Select(id => id!.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
        return new InsertManyResult(inserted, Errors(response));
    }

    /// <summary><c>findOneAndReplace</c> by <c>_id</c> with <c>upsert: true</c>: writes the whole document whether or not it existed.</summary>
    public Task ReplaceAsync(JsonObject document, CancellationToken cancellationToken) =>
        SendAsync(writes, Options.CollectionUri, "findOneAndReplace", new JsonObject
        {
            ["filter"] = new JsonObject { ["_id"] = document["_id"]!.DeepClone() },
            ["replacement"] = document,
            ["projection"] = new JsonObject { ["_id"] = 1 },
            ["options"] = new JsonObject { ["upsert"] = true },
        }, cancellationToken);

    /// <summary><c>updateOne</c> by <c>_id</c>: sets and unsets fields. Returns the matched count (0 when no such document).</summary>
    public async Task<int> UpdateOneAsync(string id, JsonObject set, IReadOnlyList<string> unset, CancellationToken cancellationToken)
    {
        var update = new JsonObject { ["$set"] = set };
        if (unset.Count > 0)
        {
            update["$unset"] = new JsonObject(unset.Select(field => KeyValuePair.Create<string, JsonNode?>(field, "")));
        }

        var response = await SendAsync(writes, Options.CollectionUri, "updateOne",
            new JsonObject { ["filter"] = new JsonObject { ["_id"] = id }, ["update"] = update }, cancellationToken);
        return response["status"]?["matchedCount"]?.GetValue<int>() ?? 0;
    }

    /// <summary><c>deleteOne</c> by <c>_id</c>. Returns whether a document was deleted.</summary>
    public async Task<bool> DeleteOneAsync(string id, CancellationToken cancellationToken)
    {
        var response = await SendAsync(writes, Options.CollectionUri, "deleteOne",
            new JsonObject { ["filter"] = new JsonObject { ["_id"] = id } }, cancellationToken);
        return (response["status"]?["deletedCount"]?.GetValue<int>() ?? 0) > 0;
    }

    /// <summary><c>findOne</c>: the first document passing <paramref name="filter"/>, with the projected fields, or null.</summary>
    public async Task<JsonObject?> FindOneAsync(JsonObject filter, JsonObject projection, CancellationToken cancellationToken)
    {
        var response = await SendAsync(reads, Options.CollectionUri, "findOne",
            new JsonObject { ["filter"] = filter, ["projection"] = projection }, cancellationToken);
        return response["data"]?["document"] as JsonObject;
    }

    /// <summary>
    /// <c>find</c> without a sort: every document passing <paramref name="filter"/>, page by page (the API pages at 20
    /// and hands back <c>nextPageState</c> until the last page). Used by the ingest, so on the write client's budget.
    /// </summary>
    public async Task<List<JsonObject>> FindAllAsync(JsonObject filter, JsonObject projection, CancellationToken cancellationToken)
    {
        var documents = new List<JsonObject>();
        string? pageState = null;
        do
        {
            var body = new JsonObject { ["filter"] = filter.DeepClone(), ["projection"] = projection.DeepClone() };
            if (pageState is not null)
            {
                body["options"] = new JsonObject { ["pageState"] = pageState };
            }

            var response = await SendAsync(writes, Options.CollectionUri, "find", body, cancellationToken);
            documents.AddRange(Documents(response));
            pageState = response["data"]?["nextPageState"]?.GetValue<string>();
        }
        while (pageState is not null);

        return documents;
    }

    /// <summary>
    /// A vector search: <c>find</c> sorted by <c>$vector</c> with <c>includeSimilarity</c>, at most <paramref name="limit"/>
    /// (≤ <see cref="MaxVectorSearchLimit"/>) documents, best first, each with its <c>$similarity</c>.
    /// </summary>
    public async Task<List<JsonObject>> VectorSearchAsync(ReadOnlyMemory<float> vector, JsonObject filter, JsonObject projection, int limit, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["filter"] = filter,
            ["sort"] = new JsonObject { ["$vector"] = Vector(vector.Span) },
            ["projection"] = projection,
            ["options"] = new JsonObject { ["limit"] = Math.Min(limit, MaxVectorSearchLimit), ["includeSimilarity"] = true },
        };
        return [.. Documents(await SendAsync(reads, Options.CollectionUri, "find", body, cancellationToken))];
    }

    /// <summary><c>estimatedDocumentCount</c>: the collection's size as the store estimates it (cheap, not exact).</summary>
    public async Task<int> EstimatedCountAsync(CancellationToken cancellationToken)
    {
        // Asked at start and after an ingest, never by a page: the write client's longer budget.
        var response = await SendAsync(writes, Options.CollectionUri, "estimatedDocumentCount", new JsonObject(), cancellationToken);
        return response["status"]?["count"]?.GetValue<int>() ?? 0;
    }

    /// <summary>A vector as the JSON array of floats the API takes (shortest round-trip form, so no precision is lost).</summary>
    public static JsonArray Vector(ReadOnlySpan<float> vector)
    {
        var array = new JsonArray();
        foreach (var component in vector)
        {
            array.Add(component);
        }

        return array;
    }

    private static IEnumerable<JsonObject> Documents(JsonNode response) =>
        response["data"]?["documents"]?.AsArray().OfType<JsonObject>() ?? [];

    private static List<DataApiError> Errors(JsonNode response) =>
        response["errors"]?.AsArray().OfType<JsonObject>()
            .Select(e => new DataApiError(e["errorCode"]?.ToString(), e["message"]?.ToString() ?? "(no message)"))
            .ToList() ?? [];

    private async Task<JsonNode> SendAsync(
        HttpClient client, Uri uri, string command, JsonObject arguments, CancellationToken cancellationToken, bool throwOnErrors = true)
    {
        var payload = new JsonObject { [command] = arguments }.ToJsonString();
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Add("Token", Options.Token());
            request.Content = new StringContent(payload, Encoding.UTF8);
            request.Content.Headers.ContentType = Json;
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new VectorStoreUnavailableException($"AstraDB Data API {command} did not answer within its budget ({timeout.Timeout.TotalMilliseconds:F0} ms).", timeout);
        }
        catch (HttpRequestException failed)
        {
            throw new VectorStoreUnavailableException($"AstraDB Data API {command} could not be reached: {failed.Message}", failed);
        }
        catch (OperationCanceledException cancelled) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, the last line behind the resilience handler's own timeouts.
            throw new VectorStoreUnavailableException($"AstraDB Data API {command} timed out.", cancelled);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new VectorStoreUnavailableException($"AstraDB Data API {command} answered {(int)response.StatusCode} {response.ReasonPhrase} after the retries.");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // 401/403 (token), 404 (keyspace or endpoint): configuration, not load — say so plainly.
                throw new DataApiException(command, [new DataApiError($"HTTP_{(int)response.StatusCode}", Shorten(text))]);
            }

            var parsed = JsonNode.Parse(text) ?? throw new DataApiException(command, [new DataApiError("EMPTY_RESPONSE", "The response had no JSON body.")]);
            if (throwOnErrors && Errors(parsed) is { Count: > 0 } errors)
            {
                throw new DataApiException(command, errors);
            }

            return parsed;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
