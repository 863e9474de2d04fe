using Aisle.Users;

namespace Aisle.Products;

/// <summary>
/// What one shopper event teaches products: an interaction with <see cref="ProductId"/>, and a co-interaction link
/// with each product the shopper touched just before (weight already divided by the distance).
/// </summary>
public sealed record ActivityTouch(string ProductId, InteractionKind Kind, int Quantity, DateTimeOffset At, ActivityLink[] Earlier);
