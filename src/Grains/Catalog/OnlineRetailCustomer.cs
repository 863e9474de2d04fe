namespace Aisle.Catalog;

/// <summary>One Online Retail customer and what they bought.</summary>
/// <param name="CustomerId">The file's <c>CustomerID</c>.</param>
/// <param name="Country">The country of the customer's first basket.</param>
/// <param name="Baskets">The customer's baskets, oldest first.</param>
public sealed record OnlineRetailCustomer(string CustomerId, string Country, IReadOnlyList<OnlineRetailBasket> Baskets);
