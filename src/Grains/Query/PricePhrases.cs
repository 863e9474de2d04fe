using System.Globalization;
using System.Text.RegularExpressions;

namespace Aisle.Query;

/// <summary>
/// Finds price constraints in shopper text: "under 1000", "below ₹500", "less than 2k", "up to 999", "within 1,500",
/// "max 800", "over 2000", "above 300", "more than 1.5k", "between 500 and 1000", "500-1000", "rs 500 to 1000",
/// "1000 and above", "500+". A number followed by a unit ("5-7 years", "under 2 kg", "32 gb") is not a price.
/// </summary>
public static partial class PricePhrases
{
    // Amounts below this without a currency mark or "k" are more likely ages or sizes ("kids under 10") than rupees.
    private const double MinBareAmount = 20;

    private const string Currency = @"(?:₹|rs\.?|inr|rupees?)";

    private const string Number = @"(?<!\d|\d[.,])(?:\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)(?!\d|[.,]\d)";

    private const string Multiplier = @"(?:k|thousand|lakhs?|lacs?)\b";

    private const string NotAUnit =
        @"(?!\s*(?:years?|yrs?|months?|mths?|days?|gb|mb|tb|ml|ltrs?|litres?|liters?|kgs?|gms?|grams?|cm|mm|inch(?:es)?|""|pcs|pieces?|packs?|watts?|mah|seater|%|x\b|th\b|st\b|nd\b|rd\b))";

    private const string PriceLead = @"(?:(?:price[ds]?|cost(?:ing|s)?|budget)(?:\s+range)?(?:\s+(?:is|of))?\s*)?";

    private const string AmountA =
        $@"(?<ac>{Currency}\s*)?(?<a>{Number})\s*(?<am>{Multiplier})?{NotAUnit}(?<at>\s*(?:{Currency}|/-))?";

    private const string AmountB =
        $@"(?<bc>{Currency}\s*)?(?<b>{Number})\s*(?<bm>{Multiplier})?{NotAUnit}(?<bt>\s*(?:{Currency}|/-))?";

    private const string RangePattern =
        $@"{PriceLead}(?:(?:between\s+{AmountA}\s*(?:and|-|–|to)\s*{AmountB})|(?:(?:from\s+)?{AmountA}\s*(?:-|–|to)\s*{AmountB}))";

    private const string MaxPattern =
        $@"{PriceLead}(?:under|below|beneath|less\s+than|lesser\s+than|lower\s+than|cheaper\s+than|up\s*to|upto|till|within|max(?:imum)?|at\s+most|not\s+more\s+than|no\s+more\s+than|<=?)\s*{AmountA}"
        + $@"|{PriceLead}{AmountA}\s*(?:or\s+less|or\s+below|or\s+under|and\s+below|and\s+under|and\s+less|max(?:imum)?\b)";

    private const string MinPattern =
        $@"{PriceLead}(?:over|above|more\s+than|greater\s+than|higher\s+than|min(?:imum)?|at\s+least|starting\s+(?:at|from)|from|>=?)\s*{AmountA}"
        + $@"|{PriceLead}{AmountA}\s*(?:\+|or\s+more|or\s+above|and\s+above|and\s+over|and\s+more|onwards?|plus\b)";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Only this much of a text is searched for price phrases; the rest is returned unchanged.</summary>
    public const int MaxChars = 1024;

    /// <summary>
    /// The first range, upper and lower bound found in <paramref name="text"/> (a range wins over single bounds), with
    /// every recognised phrase cut out of the returned text. Never throws.
    /// </summary>
    public static PriceRange Extract(string? text)
    {
        text ??= string.Empty;
        double? min = null, max = null;
        var tail = string.Empty;
        if (text.Length > MaxChars)
        {
            // No timeout on these patterns (a cold start could trip one); bounded input bounds their work instead.
            var cut = char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
            tail = text[cut..];
            text = text[..cut];
        }

        try
        {
            text = Cut(Range(), text, match =>
            {
                if (min is not null || !TryAmount(match, "a", out var a) || !TryAmount(match, "b", out var b))
                {
                    return false;
                }

                var bareA = !match.Groups["ac"].Success && !match.Groups["am"].Success && !match.Groups["at"].Success;
                var bareB = !match.Groups["bc"].Success && !match.Groups["bm"].Success && !match.Groups["bt"].Success;
                if (bareA && bareB && Math.Max(a, b) < MinBareAmount)
                {
                    return false;
                }

                (min, max) = (Math.Min(a, b), Math.Max(a, b));
                return true;
            });
            text = Cut(Max(), text, match =>
            {
                if (max is not null || !TryBound(match, out var value))
                {
                    return false;
                }

                max = value;
                return true;
            });
            text = Cut(Min(), text, match =>
            {
                if (min is not null || !TryBound(match, out var value))
                {
                    return false;
                }

                min = value;
                return true;
            });
        }
        catch (RegexMatchTimeoutException)
        {
            // Only reachable when the process sets a default regex timeout; keep what was understood.
        }

        if (min is { } low && max is { } high && low > high)
        {
            (min, max) = (high, low);
        }

        return new PriceRange(min, max, tail.Length == 0 ? text : text + tail);
    }

    [GeneratedRegex(RangePattern, Options)]
    private static partial Regex Range();

    [GeneratedRegex(MaxPattern, Options)]
    private static partial Regex Max();

    [GeneratedRegex(MinPattern, Options)]
    private static partial Regex Min();

    private static string Cut(Regex regex, string text, Func<Match, bool> take) =>
        regex.Replace(text, match => take(match) ? " " : match.Value);

    private static bool TryBound(Match match, out double value)
    {
        if (!TryAmount(match, "a", out value))
        {
            return false;
        }

        var bare = !match.Groups["ac"].Success && !match.Groups["am"].Success && !match.Groups["at"].Success;
        return !bare || value >= MinBareAmount;
    }

    private static bool TryAmount(Match match, string name, out double value)
    {
        var digits = match.Groups[name].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        var multiplier = match.Groups[name + "m"];
        if (multiplier.Success)
        {
            value *= char.ToLowerInvariant(multiplier.Value[0]) switch
            {
                'k' or 't' => 1_000,
                _ => 100_000,
            };
        }

        return double.IsFinite(value);
    }
}
