using System.Text.Json;

namespace Aisle.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document: what the fuzzer may vary.</summary>
/// <param name="Template">The path with <c>{name}</c> placeholders.</param>
/// <param name="Body">The request body's JSON schema with references resolved lazily through <paramref name="Document"/>; null without a body.</param>
public sealed record ApiOperation(
    string Method, string Template, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters,
    JsonElement? Body, JsonElement Document)
{
    public bool IsAdmin => Template.StartsWith("/api/admin", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every operation of the document (an OpenAPI 3 JSON document as ASP.NET Core serves it).</summary>
    public static IReadOnlyList<ApiOperation> ReadAll(JsonDocument document)
    {
        var root = document.RootElement;
        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var pathParameters = new List<string>();
                var queryParameters = new List<string>();
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        var name = parameter.GetProperty("name").GetString()!;
                        (parameter.GetProperty("in").GetString() == "path" ? pathParameters : queryParameters).Add(name);
                    }
                }

                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var request)
                                    && request.GetProperty("content").TryGetProperty("application/json", out var json)
                    ? json.GetProperty("schema").Clone()
                    : null;
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, pathParameters, queryParameters, body, root));
            }
        }

        return operations;
    }

    /// <summary>The schema a <c>$ref</c> points at, or the schema itself.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 16 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = Document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part);
            }

            schema = target;
        }

        return schema;
    }
}
