namespace Aisle.Users;

/// <summary>What a shopper did. Wire names (snake_case) are in <see cref="InteractionKinds"/>.</summary>
public enum InteractionKind
{
    View,
    Click,
    AddToCart,
    Purchase,
    Search,
    // Negative feedback (appended: stored and sent as numbers). Each pushes the product, and more gently its close
    // neighbours, down in that shopper's recommendations; none counts toward the product's popularity or links.
    RemoveFromCart,
    Return,
    Dislike,
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
            ["remove_from_cart"] = InteractionKind.RemoveFromCart,
            ["return"] = InteractionKind.Return,
            ["dislike"] = InteractionKind.Dislike,
        };

    /// <summary>Feedback against a product rather than interest in it.</summary>
    public static bool IsNegative(this InteractionKind kind) =>
        kind is InteractionKind.RemoveFromCart or InteractionKind.Return or InteractionKind.Dislike;

    public static string WireName(this InteractionKind kind) => kind switch
    {
        InteractionKind.View => "view",
        InteractionKind.Click => "click",
        InteractionKind.AddToCart => "add_to_cart",
        InteractionKind.Purchase => "purchase",
        InteractionKind.RemoveFromCart => "remove_from_cart",
        InteractionKind.Return => "return",
        InteractionKind.Dislike => "dislike",
        _ => "search",
    };
}
