namespace Aisle.Ranking;

/// <summary>
/// Walks a ranked list and keeps at most <c>maxPerBrand</c> items of one brand, so one prolific brand cannot fill a
/// page; items pushed out only come back when there is nothing else to show.
/// </summary>
public static class Diversifier
{
    public static List<ScoredCandidate> Take(IReadOnlyList<ScoredCandidate> ranked, int limit, int maxPerBrand, Func<int, string?> brandOf)
    {
        var result = new List<ScoredCandidate>(Math.Min(limit, ranked.Count));
        var overflow = new List<ScoredCandidate>();
        var perBrand = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in ranked)
        {
            if (result.Count == limit)
            {
                break;
            }

            var brand = brandOf(item.Candidate.Row);
            if (brand is null)
            {
                result.Add(item);
                continue;
            }

            var seen = perBrand.GetValueOrDefault(brand);
            if (seen < maxPerBrand)
            {
                perBrand[brand] = seen + 1;
                result.Add(item);
            }
            else
            {
                overflow.Add(item);
            }
        }

        foreach (var item in overflow)
        {
            if (result.Count == limit)
            {
                break;
            }

            result.Add(item);
        }

        return result;
    }
}
