namespace Aisle.Query;

/// <summary>
/// Splits text into lower-case word tokens for exact phrase lookups (brands, gender words): letters and digits are
/// kept, apostrophes are dropped inside a word ("Levi's" → "levis"), "&amp;" and "and" are dropped (so "Jack &amp; Jones"
/// and "jack and jones" agree), anything else separates words.
/// </summary>
public static class QueryTokens
{
    /// <summary>Tokens of <paramref name="text"/>, at most <paramref name="max"/>.</summary>
    public static List<string> Split(string? text, int max = 64)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        Span<char> buffer = stackalloc char[64];
        var length = 0;
        var overflow = false;
        for (var i = 0; i <= text.Length && tokens.Count < max; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length < buffer.Length)
                {
                    buffer[length++] = char.ToLowerInvariant(c);
                }
                else
                {
                    overflow = true;
                }

                continue;
            }

            if ((c == '\'' || c == '’') && length > 0)
            {
                continue;
            }

            if (length > 0 && !overflow)
            {
                var token = new string(buffer[..length]);
                if (token != "and")
                {
                    tokens.Add(token);
                }
            }

            length = 0;
            overflow = false;
        }

        return tokens;
    }

    /// <summary>The tokens joined by single spaces: the lookup key of a phrase.</summary>
    public static string Key(string? text) => string.Join(' ', Split(text));
}
