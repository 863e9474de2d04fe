using CsCheck;

namespace Aisle.Tests.Fuzz;

/// <summary>Plausible JSON values for the API's field names, for requests meant to pass validation.</summary>
public static class TameValues
{
    private static string[] _products = [];

    /// <summary>Real product ids the tame values use; set once before sampling.</summary>
    public static void UseProducts(IEnumerable<string> ids) => _products = ids.Select(id => $"\"{id}\"").ToArray();

    /// <summary>A generator for a known field name (JSON literal), or null when the name is not one of them.</summary>
    public static Gen<string>? ByField(string name) => name switch
    {
        "productId" => Gen.OneOf(_products),
        "userId" => Gen.Int[1, 50].Select(i => $"\"fuzz-shopper-{i}\""),
        "kind" => Gen.OneOf("\"view\"", "\"click\"", "\"add_to_cart\"", "\"purchase\""),
        "quantity" => Gen.Int[1, 3].Select(i => i.ToString()),
        "stock" => Gen.Int[0, 50].Select(i => i.ToString()),
        "price" => Gen.Int[100, 2_000].Select(i => i.ToString()),
        "query" => Gen.OneOf("\"shoes\"", "\"watch\"", "null"),
        "timestamp" or "requestId" or "orderId" => Gen.Const("null"),
        _ => null,
    };
}
