namespace Aisle.Users;

/// <summary>What a shopper did. Wire names (snake_case) are in <see cref="InteractionKinds"/>.</summary>
public enum InteractionKind
{
    View,
    Click,
    AddToCart,
    Purchase,
    Search,
}

/// <summary>Mapping between <see cref="InteractionKind"/> and the names storefronts send.</summary>
public static class InteractionKinds
{
    public static readonly IReadOnlyDictionary<string, InteractionKind> ByName =
        new Dictionary<string, InteractionKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["view"] = InteractionKind.View,
            ["click"] = InteractionKind.Click,
            ["add_to_cart"] = InteractionKind.AddToCart,
            ["purchase"] = InteractionKind.Purchase,
            ["search"] = InteractionKind.Search,
        };

    public static string WireName(this InteractionKind kind) => kind switch
    {
        InteractionKind.View => "view",
        InteractionKind.Click => "click",
        InteractionKind.AddToCart => "add_to_cart",
        InteractionKind.Purchase => "purchase",
        _ => "search",
    };
}
