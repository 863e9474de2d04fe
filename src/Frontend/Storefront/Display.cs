using System.Globalization;
using Aisle.Frontend.Apis;
using Aisle.Frontend.Application;
using Aisle.Recommendations;

namespace Aisle.Frontend.Storefront;

/// <summary>How the pages write prices, stock, ratings and images.</summary>
public static class Display
{
    /// <summary>A neutral picture for products without one (or whose image fails to load): a grey frame, no text.</summary>
    public const string PlaceholderImage =
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 3'%3E%3Crect width='4' height='3' fill='%23e9ecef'/%3E" +
        "%3Cpath d='M1 2.2l.8-.9.6.6.5-.4.9.7z' fill='%23adb5bd'/%3E%3Ccircle cx='2.9' cy='.9' r='.3' fill='%23adb5bd'/%3E%3C/svg%3E";

    public const int LowStock = 5;

    public static string Price(decimal? price) => price is { } p ? Price(p) : "Price unavailable";

    public static string Price(decimal price) =>
        "₹" + price.ToString(price == decimal.Truncate(price) ? "N0" : "N2", CultureInfo.InvariantCulture);

    public static string Price(double price) =>
        Math.Abs(price) < 1e15 ? Price((decimal)Math.Round(price, 2)) : "₹" + price.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The discount off the retail price in whole percent; null when there is none.</summary>
    public static int? DiscountPercent(decimal? price, decimal? retail) =>
        price is { } p && retail is { } r && r > p && r > 0 ? (int)Math.Round((r - p) / r * 100m) : null;

    public static string Stock(int stock) => stock <= 0 ? "Sold out" : stock <= LowStock ? $"Only {stock} left" : "In stock";

    public static string StockClass(int stock) => stock <= 0 ? "stock-out" : stock <= LowStock ? "stock-low" : "stock-in";

    public static string? Rating(double? rating) =>
        rating is { } r ? string.Create(CultureInfo.InvariantCulture, $"Rated {r:0.0} of 5") : null;

    public static string Image(RankedItem item) => string.IsNullOrWhiteSpace(item.ImageUrl) ? PlaceholderImage : item.ImageUrl;

    public static string ProductUrl(string productId, string? requestId) =>
        "/products/" + Uri.EscapeDataString(productId) + (requestId is null ? "" : "?rid=" + Uri.EscapeDataString(requestId));

    /// <summary>The list's request id, experiment and variant as response headers (same as the JSON API).</summary>
    public static void ListHeaders(HttpContext http, ServedProducts? served)
    {
        if (served is not null)
        {
            ProductListResponse.Headers(http, served);
        }
    }
}

/// <summary>A product list section: its heading, the items, and where they came from.</summary>
/// <param name="Served">The served list (request id, experiment, variant), when it is one; null for lists the pages
/// assemble (recently viewed, seen together).</param>
/// <param name="LinkRequestId">Whether item links carry <c>?rid=</c> of the list (for click attribution).</param>
public sealed record ProductListSection(
    string Id, string Heading, IReadOnlyList<RankedItem> Items, ServedProducts? Served, string EmptyText, bool LinkRequestId = true,
    string? Error = null)
{
    public string? RequestId => Served?.RequestId;
}
