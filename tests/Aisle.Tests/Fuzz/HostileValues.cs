using CsCheck;

namespace Aisle.Tests.Fuzz;

/// <summary>
/// Values a hostile or broken client sends, already percent-encoded for a URL: wrong types, out-of-range and
/// non-finite numbers, unicode edge cases, invalid UTF-8 (raw escapes no encoder would produce), oversized text, and
/// now and then something valid so requests get past the first check.
/// </summary>
public static class HostileValues
{
    private static readonly string[] Raw =
    [
        "", " ", "null", "true", "-1", "0", "-0", "1", "1.5", "NaN", "Infinity", "-Infinity", "1e309", "-1e309",
        "99999999999999999999999", "0x10", "1,000", "١٢٣", "１２３", "00:00:01", "-00:00:01", "P1D",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "e\u0301", "\u202Eevil", "👩‍👩‍👧‍👦", "\uFEFFbom", "\u0000", "a\u0000b", "\t\r\n",
        "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "..", ".", "%", "%%", "{{name}}", "${jndi:x}",
        "shoes", "running shoes for men under 1000", "Watches", "Footwear > Men's Footwear", "running", "draft",
    ];

    /// <summary>Raw escapes, sent as they are: invalid UTF-8, an encoded lone surrogate, a NUL, an encoded slash.</summary>
    private static readonly string[] PreEncoded = ["%C3%28", "%FF%FE%FD", "%ED%A0%80", "%00", "%2F", "%2e%2e%2f", "%E2%82", "%C0%AF"];

    /// <summary>The escapes Kestrel itself refuses in a path (NUL, invalid UTF-8), before the application sees the request.</summary>
    public static readonly string[] RefusedInPath = ["%C3%28", "%FF%FE%FD", "%ED%A0%80", "%00", "%E2%82", "%C0%AF"];

    /// <summary>A query or path value, percent-encoded. <paramref name="valid"/> are values the API knows (ids, names).</summary>
    public static Gen<string> Encoded(IReadOnlyList<string> valid) => Gen.Frequency(
        (6, Gen.OneOf(Raw).Select(Uri.EscapeDataString)),
        (3, Gen.OneOf([.. valid]).Select(Uri.EscapeDataString)),
        (2, Gen.OneOf(PreEncoded)),
        (2, Gen.String.Select(Escape)),
        (1, Gen.Int[1, 20_000].Select(n => new string('x', n))),
        (1, Gen.Double.Select(d => Uri.EscapeDataString(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))),
        (1, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A string for a JSON body: anything, including what is not valid in a URL.</summary>
    public static Gen<string> Text(IReadOnlyList<string> valid) => Gen.Frequency(
        (5, Gen.OneOf(Raw)),
        (4, Gen.OneOf([.. valid])),
        (2, Gen.String),
        (1, Gen.Int[1, 10_000].Select(n => new string('y', n))),
        (1, Gen.Char.Array[1, 40].Select(chars => new string(chars))));

    // Random strings can hold lone surrogates, which no UTF-8 encoder accepts: those go as U+FFFD, as a client would.
    private static string Escape(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsSurrogate(chars[i]) && !(i + 1 < chars.Length && char.IsSurrogatePair(chars[i], chars[i + 1])))
            {
                chars[i] = '\uFFFD';
            }
            else if (char.IsHighSurrogate(chars[i]))
            {
                i++;
            }
        }

        return Uri.EscapeDataString(new string(chars));
    }
}
