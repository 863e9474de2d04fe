using System.Globalization;

namespace Aisle.Experiments;

/// <summary>
/// Request ids that say which experiment variant served a list and when: <c>{random}</c> outside experiments,
/// <c>{random}.{experiment}.{variant}.{unix seconds}</c> inside one. An event that carries the id can then be attributed
/// by whichever silo receives it, with nothing stored per request. A forged or foreign id attributes nothing: the
/// user grain also checks that the variant is the one the shopper was assigned and exposed to, and the window.
/// </summary>
public static class RequestIds
{
    public static string New(Exposure? exposure, DateTimeOffset at)
    {
        var random = Guid.NewGuid().ToString("N")[..16];
        return exposure is null
            ? random
            : string.Create(CultureInfo.InvariantCulture, $"{random}.{exposure.Experiment}.{exposure.Variant}.{at.ToUnixTimeSeconds()}");
    }

    /// <summary>The exposure and serving time an id names; null for an id from outside experiments or not Aisle's.</summary>
    public static (Exposure Exposure, DateTimeOffset ServedAt)? Parse(string? requestId)
    {
        if (requestId is null)
        {
            return null;
        }

        var parts = requestId.Split('.');
        if (parts.Length != 4 || parts[1].Length == 0 || parts[2].Length == 0 ||
            !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 32_503_680_000)
        {
            return null;
        }

        return (new Exposure(parts[1], parts[2]), DateTimeOffset.FromUnixTimeSeconds(seconds));
    }
}
