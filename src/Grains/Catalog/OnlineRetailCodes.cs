using System.Text.RegularExpressions;

namespace Aisle.Catalog;

/// <summary>
/// Tells product stock codes from the codes the shop uses for everything else on an invoice.
/// </summary>
/// <remarks>
/// The dataset documents a stock code as "a 5-digit integral number uniquely assigned to each distinct product"; colour
/// or size variants add letters (<c>85123A</c>, <c>15056BL</c>). The <c>DCGS…</c> codes are products too (items of the
/// dotcom gift shop, such as <c>DCGS0003</c> BOXED GLASS ASHTRAY). Every other code is a charge, fee, discount, sample
/// or adjustment: the known ones are named in the rejection reason, an unknown one is still rejected.
/// </remarks>
internal static partial class OnlineRetailCodes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["POST"] = "postage",
        ["DOT"] = "dotcom postage",
        ["C2"] = "carriage",
        ["M"] = "manual adjustment",
        ["D"] = "discount",
        ["S"] = "samples",
        ["B"] = "bad debt adjustment",
        ["CRUK"] = "CRUK commission",
        ["PADS"] = "cushion pads adjustment",
        ["AMAZONFEE"] = "Amazon fee",
        ["BANK CHARGES"] = "bank charges",
    };

    /// <summary>Null when <paramref name="stockCode"/> (upper-cased) is a product; otherwise why it is not.</summary>
    public static string? WhyNotAProduct(string stockCode)
    {
        if (ProductCode().IsMatch(stockCode))
        {
            return null;
        }

        return Known.TryGetValue(stockCode, out var meaning)
            ? $"non-product stock code {stockCode} ({meaning})"
            : $"non-product stock code {stockCode} (not five digits with an optional letter suffix)";
    }

    [GeneratedRegex("^(?:[0-9]{5}[A-Z]{0,3}|DCGS[A-Z0-9]{1,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductCode();
}
