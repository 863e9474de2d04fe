namespace Aisle.Ranking;

/// <summary>
/// Walks a ranked list and keeps at most <c>maxPerBrand</c> items of one brand (and, when set, at most
/// <c>maxPerCategory</c> of one category), so one prolific brand or category cannot fill a page; items pushed out only
/// come back when there is nothing else to show.
/// </summary>
public static class Diversifier
{
    public static List<ScoredCandidate> Take(
        IReadOnlyList<ScoredCandidate> ranked, int limit, int maxPerBrand, Func<int, string?> brandOf,
        int maxPerCategory = 0, Func<int, string?>? categoryOf = null)
    {
        var perCategory = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
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
            var category = maxPerCategory > 0 ? categoryOf?.Invoke(item.Candidate.Row) : null;
            var brandFull = brand is not null && perBrand.GetValueOrDefault(brand) >= maxPerBrand;
            var categoryFull = category is not null && perCategory.GetValueOrDefault(category) >= maxPerCategory;
            if (brandFull || categoryFull)
            {
                overflow.Add(item);
                continue;
            }

            if (brand is not null)
            {
                perBrand[brand] = perBrand.GetValueOrDefault(brand) + 1;
            }

            if (category is not null)
            {
                perCategory[category] = perCategory.GetValueOrDefault(category) + 1;
            }

            result.Add(item);
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
