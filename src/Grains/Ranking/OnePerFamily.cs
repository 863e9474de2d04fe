namespace Aisle.Ranking;

/// <summary>
/// Keeps one member of each product family (<see cref="Catalog.ProductFamilies"/>) in a ranked list: the best scoring
/// member in stock, or the best scoring one when none of the family's candidates is in stock. The kept member stays at
/// its own place in the ranking; the others are dropped, not held back as overflow, as the product page offers them.
/// </summary>
public static class OnePerFamily
{
    /// <param name="ranked">Best first.</param>
    /// <param name="familyOf">The family of a row.</param>
    /// <param name="inStock">Whether a row can be bought now.</param>
    public static List<ScoredCandidate> Keep(IReadOnlyList<ScoredCandidate> ranked, Func<int, int> familyOf, Func<int, bool> inStock)
    {
        // Family → index in ranked of the member kept so far; a later (lower scoring) member only replaces an
        // out-of-stock one, and only when it is in stock itself.
        var kept = new Dictionary<int, int>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var row = ranked[i].Candidate.Row;
            var family = familyOf(row);
            if (!kept.TryGetValue(family, out var best))
            {
                kept[family] = i;
            }
            else if (!inStock(ranked[best].Candidate.Row) && inStock(row))
            {
                kept[family] = i;
            }
        }

        var result = new List<ScoredCandidate>(kept.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            if (kept[familyOf(ranked[i].Candidate.Row)] == i)
            {
                result.Add(ranked[i]);
            }
        }

        return result;
    }
}
