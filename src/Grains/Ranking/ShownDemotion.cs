using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>
/// "Fewer recently shown items": a personal recommendation the shopper was shown and ignored keeps
/// (1 − <see cref="RankingOptions.ShownPenalty"/>)^times of its score, so asking again rotates in the next best items
/// instead of repeating the list. Multiplicative, so a far better item can still hold its place; a showing older than
/// <see cref="RankingOptions.ShownWindow"/>, or followed by any interaction with the item, no longer counts.
/// </summary>
public static class ShownDemotion
{
    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

    /// <summary>The score multiplier of one shown item, in [0, 1]; 1 when it is not demoted.</summary>
    /// <param name="lastTouched">The shopper's latest interaction with the item, if any.</param>
    public static double Factor(ShownItem shown, DateTimeOffset? lastTouched, DateTimeOffset now, double penalty, TimeSpan window)
    {
        if (penalty <= 0 || shown.Times <= 0 || now - shown.LastShown > window || lastTouched > shown.LastShown)
        {
            return 1;
        }

        return Math.Pow(1 - Math.Min(penalty, 1), shown.Times);
    }

    /// <summary>The multipliers below 1 of <paramref name="profile"/>'s shown items, by product id.</summary>
    public static IReadOnlyDictionary<string, double> Factors(UserProfile profile, DateTimeOffset now, RankingOptions options)
    {
        if (profile.Shown.Count == 0 || options.ShownPenalty <= 0)
        {
            return Empty;
        }

        var lastTouched = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var r in profile.Recent)
        {
            if (!lastTouched.TryGetValue(r.ProductId, out var at) || r.At > at)
            {
                lastTouched[r.ProductId] = r.At;
            }
        }

        var factors = new Dictionary<string, double>(profile.Shown.Count, StringComparer.Ordinal);
        foreach (var shown in profile.Shown)
        {
            var factor = Factor(shown, lastTouched.TryGetValue(shown.ProductId, out var t) ? t : null, now, options.ShownPenalty, options.ShownWindow);
            if (factor < 1)
            {
                factors[shown.ProductId] = factor;
            }
        }

        return factors;
    }
}
