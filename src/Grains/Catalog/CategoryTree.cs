namespace Aisle.Catalog;

/// <summary>
/// Reads Flipkart's <c>product_category_tree</c>, a JSON-ish list holding one string such as
/// <c>["Clothing &gt;&gt; Women's Clothing &gt;&gt; Shorts &gt;&gt; Alisha Shorts &gt;&gt; Alisha Solid Women's Cycling Shorts"]</c>,
/// into the category path from the root without the product's own leaf.
/// </summary>
/// <remarks>
/// The last segment is the product's leaf, and dropped, when it ends with <c>...</c> (the crawl cut the whole string
/// there, which in this data always falls inside the leaf), equals the product name, or starts with it as whole words (the
/// leaf often adds detail, as in <c>Sicons ... Dog Shampoo (500 ml)</c>, while <c>Quiksilver Caps</c> is the brand's
/// category of <c>Quiksilver Cap</c>). About two thirds of the trees have no leaf at all, so a
/// last segment is not dropped just because the name starts with it: <c>Anherb Sunscreen</c> is the brand's category
/// of <c>Anherb Sunscreen Lotion - SPF 20 PA+</c>. Brand nodes such as <c>Alisha Shorts</c> are kept as Flipkart has them.
/// Segments are trimmed, <c>\"</c> is unescaped and the text is cleaned by <see cref="TextRepair"/>.
/// </remarks>
public static class CategoryTree
{
    private const int MaxSegments = 32;

    /// <summary>The category path of a product; empty when the tree is empty or holds only the product's leaf.</summary>
    /// <param name="tree">The raw <c>product_category_tree</c> value.</param>
    /// <param name="productName">The product name, already cleaned by <see cref="TextRepair.Fix(string)"/>.</param>
    public static IReadOnlyList<string> Parse(string? tree, string productName) => Parse(tree, productName, null);

    internal static string[] Parse(string? tree, string productName, StringPool? pool)
    {
        var body = Unwrap(tree);
        if (body.IsEmpty)
        {
            return [];
        }

        Span<Range> ranges = stackalloc Range[MaxSegments];
        var count = body.Split(ranges, ">>", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (count == 0)
        {
            return [];
        }

        if (IsLeaf(Clean(body[ranges[count - 1]].ToString()), productName))
        {
            count--;
        }

        var path = new string[count];
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var segment = body[ranges[i]];
            string value;
            if (NeedsCleaning(segment))
            {
                value = Clean(segment.ToString());
                if (value.Length == 0)
                {
                    continue;
                }

                value = pool?.Get(value) ?? value;
            }
            else
            {
                value = pool?.Get(segment) ?? segment.ToString();
            }

            path[kept++] = value;
        }

        return kept == path.Length ? path : path[..kept];
    }

    private static ReadOnlySpan<char> Unwrap(string? tree)
    {
        var body = tree.AsSpan().Trim();
        if (body.StartsWith('['))
        {
            body = body[1..].TrimStart();
        }

        if (body.EndsWith(']'))
        {
            body = body[..^1].TrimEnd();
        }

        if (body.StartsWith('"'))
        {
            body = body[1..];
        }

        if (body.EndsWith('"') && !body.EndsWith("\\\""))
        {
            body = body[..^1];
        }

        return body.Trim();
    }

    private static bool IsLeaf(string last, string productName) =>
        last.EndsWith("...", StringComparison.Ordinal)
        || last.EndsWith('\u2026')
        || (productName.Length > 0
            && last.StartsWith(productName, StringComparison.OrdinalIgnoreCase)
            && (last.Length == productName.Length || !char.IsLetterOrDigit(last[productName.Length])));

    private static bool NeedsCleaning(ReadOnlySpan<char> segment)
    {
        var previousSpace = false;
        foreach (var c in segment)
        {
            if (c == '\\' || c < 0x20 || c >= 0x7F || (c == ' ' && previousSpace))
            {
                return true;
            }

            previousSpace = c == ' ';
        }

        return false;
    }

    private static string Clean(string segment)
    {
        if (segment.Contains('\\'))
        {
            segment = segment.Replace("\\\"", "\"").Replace("\\\\", "\\");
        }

        return TextRepair.Fix(segment);
    }
}
