using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Aisle.Tests.Fuzz;

/// <summary>
/// Request bodies for an operation: mostly JSON shaped by its schema with wrong types, missing and extra fields,
/// out-of-range numbers and oversized arrays mixed in; sometimes no JSON at all — deeply nested, huge, NaN literals,
/// invalid UTF-8, truncated, empty — or a wrong media type.
/// </summary>
public static class HostileBodies
{
    public sealed record Body(byte[] Bytes, string? ContentType)
    {
        public override string ToString() =>
            $"{ContentType ?? "(no content type)"}, {Bytes.Length:N0} bytes: {Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 300))}";
    }

    private const string Json = "application/json";

    /// <summary>A body that follows the schema with plausible values (<see cref="TameValues"/>), so requests also
    /// get past validation and exercise the code behind it.</summary>
    public static Gen<Body> Tame(ApiOperation operation, IReadOnlyList<string> valid) =>
        (operation.Body is { } schema ? TameValue(operation, schema, null, valid, depth: 0) : Gen.Const("{}"))
        .Select(text => new Body(Utf8(text), Json));

    public static Gen<Body> For(ApiOperation operation, IReadOnlyList<string> valid)
    {
        var shaped = operation.Body is { } schema
            ? Value(operation, schema, valid, depth: 0).Select(text => Utf8(text))
            : Gen.Const(Utf8("{}"));
        return Gen.Frequency(
            (12, shaped.Select(bytes => new Body(bytes, Json))),
            (1, Gen.Int[50, 5_000].Select(depth => new Body(Utf8(new string('[', depth) + new string(']', depth)), Json))),
            (1, Gen.Int[50, 5_000].Select(depth => new Body(Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)), Json))),
            (1, Gen.OneOf("{\"price\": NaN}", "{\"quantity\": Infinity}", "[1,2,", "{", "\"", "null", "[]", "0", "{\"events\": null}", "{\"a\":1,\"a\":2}")
                .Select(text => new Body(Utf8(text), Json))),
            (1, Gen.Const(new Body([0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x3A, 0x31, 0x7D], Json))),
            (1, Gen.Const(new Body([], Json))),
            (1, shaped.Select(bytes => new Body(bytes, null))),
            (1, Gen.OneOf("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=utf-16", "*/*")
                .SelectMany(type => shaped.Select(bytes => new Body(bytes, type)))),
            // Over every body limit (BodyLimits.Default is the largest): must be refused, not buffered.
            (1, Gen.Int[(int)Aisle.Frontend.Hosting.BodyLimits.Default, 2 * (int)Aisle.Frontend.Hosting.BodyLimits.Default].Select(size => new Body(Utf8("{\"q\":\"" + new string('z', size) + "\"}"), Json))));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Gen<string> Value(ApiOperation operation, JsonElement schema, IReadOnlyList<string> valid, int depth)
    {
        schema = operation.Resolve(schema);
        var wrong = Wrong;
        if (depth > 6)
        {
            return wrong;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            var names = values.EnumerateArray().Select(v => v.GetRawText()).ToArray();
            return Gen.Frequency((4, Gen.OneOf(names)), (1, wrong));
        }

        var types = Types(schema);
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            return Object(operation, schema, valid, depth, wrong);
        }

        if (types.Contains("array"))
        {
            var item = schema.TryGetProperty("items", out var items) ? Value(operation, items, valid, depth + 1) : wrong;
            return Gen.Frequency(
                (6, item.List[0, 5].Select(list => "[" + string.Join(",", list) + "]")),
                // Oversized batches (the API caps events at 1,000 and cart lines lower).
                (1, Gen.Int[1_001, 5_000].SelectMany(n => item.Where(one => one.Length < 2_000).Select(one => "[" + string.Join(",", Enumerable.Repeat(one, n)) + "]"))),
                (1, wrong));
        }

        if (types.Contains("number") || types.Contains("integer"))
        {
            return Gen.Frequency((4, Number()), (1, Text(valid)), (1, wrong));
        }

        if (types.Contains("boolean"))
        {
            return Gen.Frequency((4, Gen.OneOf("true", "false")), (1, wrong));
        }

        return Gen.Frequency((5, Text(valid)), (1, Number()), (1, wrong));
    }

    private static Gen<string> Object(ApiOperation operation, JsonElement schema, IReadOnlyList<string> valid, int depth, Gen<string> wrong)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToList() : [];
        var fields = properties
            .Select(property => Gen.Frequency(
                    (6, Value(operation, property.Value, valid, depth + 1).Select(value => (string?)$"\"{property.Name}\":{value}")),
                    (1, Gen.Const((string?)null)))) // left out, required or not
            .ToArray();
        var shaped = fields.Length == 0
            ? Gen.Const("{}")
            : AllOf(fields).Select(parts => "{" + string.Join(",", parts.Where(part => part is not null)) + "}");
        return Gen.Frequency((8, shaped), (1, wrong), (1, shaped.Select(json => json.Length > 2 ? json[..^1] + ",\"unknown\":[1]}" : json)));
    }

    private static Gen<string> TameValue(ApiOperation operation, JsonElement schema, string? name, IReadOnlyList<string> valid, int depth)
    {
        schema = operation.Resolve(schema);
        if (name is not null && TameValues.ByField(name) is { } known)
        {
            return known;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return Gen.OneOf(values.EnumerateArray().Select(v => v.GetRawText()).ToArray());
        }

        var types = Types(schema);
        if (depth < 4 && schema.TryGetProperty("properties", out var properties))
        {
            var fields = properties.EnumerateObject()
                .Select(p => TameValue(operation, p.Value, p.Name, valid, depth + 1).Select(v => (string?)$"\"{p.Name}\":{v}"))
                .ToArray();
            return AllOf(fields).Select(parts => "{" + string.Join(",", parts) + "}");
        }

        if (depth < 4 && types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            return TameValue(operation, items, null, valid, depth + 1).List[1, 3].Select(list => "[" + string.Join(",", list) + "]");
        }

        return types.Contains("number") || types.Contains("integer")
            ? Gen.Int[1, 5].Select(i => i.ToString(CultureInfo.InvariantCulture))
            : Gen.OneOf(valid.ToArray()).Select(v => JsonSerializer.Serialize(v));
    }

    private static Gen<string?[]> AllOf(Gen<string?>[] fields) =>
        fields.Aggregate(Gen.Const(Array.Empty<string?>()), (all, next) => all.SelectMany(done => next.Select(one => (string?[])[.. done, one])));

    private static Gen<string> Text(IReadOnlyList<string> valid) => HostileValues.Text(valid).Select(text => JsonSerializer.Serialize(text));

    private static Gen<string> Number() => Gen.Frequency(
        (3, Gen.Int[-5, 2_000].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("1e309", "-1e309", "1e-400", "123456789012345678901234567890", "-0", "0.1e1", "2147483648", "-2147483649")));

    private static readonly Gen<string> Wrong = Gen.OneOf("null", "true", "[]", "{}", "\"\"", "-1", "1.5", "\"NaN\"", "[null]", "{\"$ref\":\"x\"}");

    private static HashSet<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToHashSet()
            : [type.GetString() ?? ""];
    }
}
