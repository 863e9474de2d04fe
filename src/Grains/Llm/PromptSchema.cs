using System.Text.Json;
using System.Text.Json.Nodes;
using Aisle.Query;

namespace Aisle.Llm;

/// <summary>
/// The pieces every structured-output prompt shares: the catalog categories it may name, JSON schema building blocks in
/// the shape strict structured outputs require (every property required, nothing additional, null spelled as a type),
/// and reading a reply's text fields.
/// </summary>
public static class PromptSchema
{
    /// <summary>Category paths offered to the model at most (the most populous; a catalog's top levels always fit).</summary>
    public const int MaxCategories = 400;

    /// <summary>Longest text field kept from a reply.</summary>
    public const int MaxTextChars = 200;

    /// <summary>The catalog's one- and two-level category paths offered to the model, in ordinal order.</summary>
    public static string[] OfferedCategories(CatalogDictionary dictionary) =>
        dictionary.Categories.Paths
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(MaxCategories).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A value of <paramref name="type"/> or null.</summary>
    public static JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };

    /// <summary>One of <paramref name="values"/>, or null.</summary>
    public static JsonObject OneOf(IEnumerable<string> values)
    {
        var options = new JsonArray();
        foreach (var value in values)
        {
            options.Add(value);
        }

        options.Add(null);
        return new JsonObject { ["type"] = new JsonArray("string", "null"), ["enum"] = options };
    }

    /// <summary>An object with exactly <paramref name="properties"/>, each required.</summary>
    public static JsonObject Object(JsonObject properties)
    {
        var required = new JsonArray();
        foreach (var (name, _) in properties)
        {
            required.Add(name);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    public static JsonElement Element(JsonObject schema) => JsonSerializer.SerializeToElement(schema);

    /// <summary>A reply's root object, or null when the reply is not a JSON object.</summary>
    public static JsonElement? Root(string? reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply ?? "");
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A non-blank string property, trimmed and cut to <see cref="MaxTextChars"/>; null otherwise.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()?.Trim() is { Length: > 0 } text
            ? (text.Length > MaxTextChars ? text[..MaxTextChars] : text)
            : null;
}
