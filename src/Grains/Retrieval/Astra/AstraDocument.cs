using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aisle.Catalog;
using Aisle.Retrieval.Vector;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// A product as an AstraDB document: <c>_id</c>, the unit-length <c>$vector</c>, and the metadata written in the shape
/// the Data API's filters can match exactly as the embedded index does — every category path prefix in one array (a
/// prefix filter becomes array equality), the brand in lower case, price only when known (a bound then excludes it),
/// and the query genders the product may be shown for. <c>fingerprint</c> lets a re-run ingest skip what is written.
/// </summary>
public static class AstraDocument
{
    public const string Id = "_id";
    public const string Vector = "$vector";
    public const string Similarity = "$similarity";
    public const string Category = "category";
    public const string Categories = "categories";
    public const string Brand = "brand";
    public const string Price = "price";
    public const string InStock = "inStock";
    public const string Genders = "genders";
    public const string ShownFor = "shownFor";
    public const string Fingerprint = "fingerprint";

    /// <summary>The document for <paramref name="document"/>, vector scaled to unit length as the embedded index stores it.</summary>
    public static JsonObject From(VectorDocument document)
    {
        var unit = new float[document.Vector.Length];
        UnitLength.Normalise(document.Vector.Span, TensorPrimitives.Norm(document.Vector.Span), unit);
        var metadata = document.Metadata;
        var json = new JsonObject
        {
            [Id] = document.Id,
            [Vector] = DataApiClient.Vector(unit),
            [Category] = metadata.Category,
            [Categories] = new JsonArray([.. CategoryPrefixes(metadata.Category).Select(p => (JsonNode)p)]),
        };
        if (BrandKey(metadata.Brand) is { } brand)
        {
            json[Brand] = brand;
        }

        if (metadata.Price is { } price && double.IsFinite(price))
        {
            json[Price] = price;
        }

        json[InStock] = metadata.InStock;
        json[Genders] = new JsonArray([.. Flags(metadata.Genders).Select(g => (JsonNode)g.ToString())]);
        json[ShownFor] = new JsonArray([.. ProductGenders.ShownFor(metadata.Genders).Select(g => (JsonNode)GenderKey(g))]);
        json[Fingerprint] = FingerprintOf(json);
        return json;
    }

    /// <summary>The fields a price or stock change rewrites, the fingerprint of the whole changed document among them.</summary>
    public static (JsonObject Set, IReadOnlyList<string> Unset) PriceAndStock(VectorDocument document)
    {
        var full = From(document);
        var set = new JsonObject { [InStock] = document.Metadata.InStock, [Fingerprint] = full[Fingerprint]!.DeepClone() };
        if (full[Price] is { } price)
        {
            set[Price] = price.DeepClone();
            return (set, []);
        }

        return (set, [Price]);
    }

    /// <summary>"A &gt; B &gt; C" → ["a", "a &gt; b", "a &gt; b &gt; c"]: segments trimmed and lower-cased, as a filter's are.</summary>
    public static IEnumerable<string> CategoryPrefixes(string? path)
    {
        var segments = CategoryPath.Segments(path);
        for (var length = 1; length <= segments.Length; length++)
        {
            yield return CategoryKey(segments.AsSpan(0, length));
        }
    }

    public static string CategoryKey(ReadOnlySpan<string> segments) => string.Join(" > ", segments.ToArray()).ToLowerInvariant();

    public static string? BrandKey(string? brand) => string.IsNullOrWhiteSpace(brand) ? null : brand.Trim().ToLowerInvariant();

    public static string GenderKey(Gender gender) => gender.ToString().ToLowerInvariant();

    private static IEnumerable<Gender> Flags(Gender set) => Enum.GetValues<Gender>().Where(g => g != Gender.None && set.HasFlag(g));

    private static string FingerprintOf(JsonObject document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())), 0, 12);
}
