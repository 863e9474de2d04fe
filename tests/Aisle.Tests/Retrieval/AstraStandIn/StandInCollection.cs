using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aisle.Tests.Retrieval.AstraStandIn;

/// <summary>
/// One in-memory Data API collection: documents by <c>_id</c> in insertion order, exact cosine ranking with the
/// API's <c>$similarity</c> = (1 + cos) / 2, and the filter operators Aisle sends (implicit equality, which on an
/// array field means "contains", <c>$eq</c>, <c>$ne</c>, <c>$in</c>, <c>$nin</c>, <c>$gt</c>, <c>$gte</c>, <c>$lt</c>,
/// <c>$lte</c>, <c>$exists</c>, <c>$and</c>, <c>$or</c>). Thread-safe through one lock.
/// </summary>
public sealed class StandInCollection(int dimension)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Order, JsonObject Document, float[] Unit)> _documents = new(StringComparer.Ordinal);
    private long _order;

    public int Dimension { get; } = dimension;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _documents.Count;
            }
        }
    }

    /// <summary>Inserts; false when the id exists.</summary>
    public bool TryInsert(JsonObject document)
    {
        var (id, unit) = Check(document);
        lock (_lock)
        {
            return _documents.TryAdd(id, (_order++, (JsonObject)document.DeepClone(), unit));
        }
    }

    /// <summary>Replaces the first document passing <paramref name="filter"/>, or inserts when none does and
    /// <paramref name="upsert"/>. Returns (matched, upserted id).</summary>
    public (int Matched, string? UpsertedId) Replace(JsonObject filter, JsonObject replacement, bool upsert)
    {
        lock (_lock)
        {
            var existing = Matching(filter).FirstOrDefault();
            if (existing is not null)
            {
                var id = existing["_id"]!.ToString();
                replacement["_id"] = id;
                var (_, unit) = Check(replacement);
                _documents[id] = (_documents[id].Order, (JsonObject)replacement.DeepClone(), unit);
                return (1, null);
            }

            if (!upsert)
            {
                return (0, null);
            }

            replacement["_id"] ??= filter["_id"]?.DeepClone();
            var (newId, newUnit) = Check(replacement);
            _documents[newId] = (_order++, (JsonObject)replacement.DeepClone(), newUnit);
            return (0, newId);
        }
    }

    /// <summary>Applies <c>$set</c> / <c>$unset</c> to the first document passing the filter; returns the matched count.</summary>
    public int Update(JsonObject filter, JsonObject update)
    {
        lock (_lock)
        {
            if (Matching(filter).FirstOrDefault() is not { } document)
            {
                return 0;
            }

            foreach (var (field, value) in update["$set"]?.AsObject() ?? [])
            {
                document[field] = value?.DeepClone();
            }

            foreach (var (field, _) in update["$unset"]?.AsObject() ?? [])
            {
                document.Remove(field);
            }

            return 1;
        }
    }

    public int Delete(JsonObject filter)
    {
        lock (_lock)
        {
            if (Matching(filter).FirstOrDefault() is not { } document)
            {
                return 0;
            }

            _documents.Remove(document["_id"]!.ToString());
            return 1;
        }
    }

    /// <summary>Documents passing the filter in insertion order (copies).</summary>
    public List<JsonObject> Find(JsonObject filter)
    {
        lock (_lock)
        {
            return [.. Matching(filter).Select(d => (JsonObject)d.DeepClone())];
        }
    }

    /// <summary>The best <paramref name="limit"/> passing documents by cosine to <paramref name="vector"/>, each with
    /// its <c>$similarity</c>; equal similarities keep insertion order.</summary>
    public List<(JsonObject Document, double Similarity)> Nearest(JsonObject filter, float[] vector, int limit)
    {
        var norm = TensorPrimitives.Norm(vector);
        lock (_lock)
        {
            return _documents.Values
                .Where(entry => Matches(entry.Document, filter))
                .Select(entry => (entry.Order, entry.Document, Similarity: (1 + (double)TensorPrimitives.Dot(entry.Unit, vector) / norm) / 2))
                .OrderByDescending(x => x.Similarity).ThenBy(x => x.Order)
                .Take(limit)
                .Select(x => ((JsonObject)x.Document.DeepClone(), x.Similarity))
                .ToList();
        }
    }

    private IEnumerable<JsonObject> Matching(JsonObject filter) =>
        _documents.Values.OrderBy(e => e.Order).Select(e => e.Document).Where(d => Matches(d, filter));

    private (string Id, float[] Unit) Check(JsonObject document)
    {
        var id = document["_id"]?.ToString() ?? throw new StandInError("SHRED_BAD_DOCUMENT_TYPE", "Document has no _id.");
        if (document["$vector"] is not JsonArray vector)
        {
            return (id, new float[Dimension]);
        }

        if (vector.Count != Dimension)
        {
            throw new StandInError("SHRED_BAD_VECTOR_SIZE", $"Length of vector parameter different from declared '{Dimension}' dimension, root cause: Dimension mismatch.");
        }

        var unit = vector.Select(c => c!.GetValue<float>()).ToArray();
        var norm = TensorPrimitives.Norm(unit);
        if (norm == 0)
        {
            throw new StandInError("SHRED_BAD_DOCUMENT_VECTOR_TYPE", "Zero vectors cannot be indexed or queried with cosine similarity.");
        }

        TensorPrimitives.Divide(unit, norm, unit);
        return (id, unit);
    }

    public static bool Matches(JsonObject document, JsonObject filter)
    {
        foreach (var (field, condition) in filter)
        {
            var passes = field switch
            {
                "$and" => condition!.AsArray().All(c => Matches(document, c!.AsObject())),
                "$or" => condition!.AsArray().Any(c => Matches(document, c!.AsObject())),
                _ => FieldMatches(document[field], condition),
            };
            if (!passes)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FieldMatches(JsonNode? value, JsonNode? condition)
    {
        if (condition is JsonObject operators && operators.Any(o => o.Key.StartsWith('$')))
        {
            return operators.All(o => Operator(value, o.Key, o.Value));
        }

        return EqualsOrContains(value, condition);
    }

    private static bool Operator(JsonNode? value, string op, JsonNode? operand) => op switch
    {
        "$eq" => EqualsOrContains(value, operand),
        "$ne" => !EqualsOrContains(value, operand),
        "$in" => operand!.AsArray().Any(o => EqualsOrContains(value, o)),
        "$nin" => !operand!.AsArray().Any(o => EqualsOrContains(value, o)),
        "$exists" => (value is not null) == operand!.GetValue<bool>(),
        "$gt" => Compare(value, operand) is > 0,
        "$gte" => Compare(value, operand) is >= 0,
        "$lt" => Compare(value, operand) is < 0,
        "$lte" => Compare(value, operand) is <= 0,
        _ => throw new StandInError("UNSUPPORTED_FILTER_OPERATION", $"Unsupported filter operator '{op}'."),
    };

    // Equality on an array field matches when any element equals the value (or the whole array does).
    private static bool EqualsOrContains(JsonNode? value, JsonNode? expected) =>
        value is JsonArray array && expected is not JsonArray
            ? array.Any(element => JsonNode.DeepEquals(element, expected))
            : value is not null && expected is not null && (JsonNode.DeepEquals(value, expected) || NumbersEqual(value, expected));

    private static bool NumbersEqual(JsonNode value, JsonNode expected) =>
        value.GetValueKind() == JsonValueKind.Number && expected.GetValueKind() == JsonValueKind.Number
        && value.GetValue<double>() == expected.GetValue<double>();

    // Range operators compare numbers with numbers and strings with strings; anything else (a missing field) fails.
    private static int? Compare(JsonNode? value, JsonNode? operand)
    {
        if (value is null || operand is null)
        {
            return null;
        }

        return (value.GetValueKind(), operand.GetValueKind()) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => value.GetValue<double>().CompareTo(operand.GetValue<double>()),
            (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(value.GetValue<string>(), operand.GetValue<string>()),
            _ => null,
        };
    }
}
