namespace Aisle.Catalog;

/// <summary>
/// Category filters match whole leading path segments, case-insensitively: "footwear" and
/// "Footwear &gt; Men's Footwear" match "Footwear &gt; Men's Footwear &gt; Sports Shoes"; "Foot" matches nothing.
/// </summary>
public static class CategoryMatch
{
    public static string[] Segments(string filter) =>
        filter.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static bool Matches(IReadOnlyList<string> path, string[] filterSegments)
    {
        if (filterSegments.Length > path.Count)
        {
            return false;
        }

        for (var i = 0; i < filterSegments.Length; i++)
        {
            if (!string.Equals(path[i], filterSegments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
