namespace Aisle.Catalog;

/// <summary>
/// Reads Flipkart's <c>image</c> column, a JSON-ish list such as <c>["http://img5a.flixcart.com/a.jpeg", "http://…"]</c>,
/// and takes its first usable URL.
/// </summary>
/// <remarks>
/// The list is not parsed as JSON: a crawl cuts and mangles it (missing brackets or quotes), and a half-broken list
/// still names good URLs. It is split on commas (Flipkart image URLs have none) and each entry stripped of brackets,
/// quotes and spaces; an entry counts when it is an absolute http or https URL with a host and no inner whitespace.
/// </remarks>
public static class ImageUrls
{
    private static readonly char[] Wrapping = ['[', ']', '"', '\'', ' ', '\t', '\r', '\n'];

    /// <summary>The first valid absolute http(s) URL of the list; null when there is none.</summary>
    public static string? First(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        foreach (var entry in field.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = entry.Trim(Wrapping);
            if (IsHttpUrl(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsHttpUrl(string candidate) =>
        candidate.Length > 0
        && !candidate.AsSpan().ContainsAny(" \t\r\n\"")
        && Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}
