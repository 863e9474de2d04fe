using Aisle.Catalog;
using Aisle.Recommendations;

namespace Aisle.Ranking;

/// <summary>
/// This silo's merchandising rules, applied after scoring: boosts and buries shift scores, pins move the best
/// matching candidate to the top (pins reorder candidates; they do not add products a list would not hold).
/// Starts from configuration (<c>Aisle:Rules</c>); the rules grain replaces the set when an admin changes it.
/// </summary>
public sealed class BusinessRules(IReadOnlyList<BusinessRule>? initial = null)
{
    public const string Section = "Aisle:Rules";
    public const string Boosted = "boosted";
    public const string Buried = "buried";
    public const string Pinned = "pinned";

    private volatile IReadOnlyList<BusinessRule> _rules = initial ?? [];

    public IReadOnlyList<BusinessRule> Current => _rules;

    public void Set(IReadOnlyList<BusinessRule> rules) => _rules = rules.ToArray();

    public List<ScoredCandidate> Apply(CatalogReplica catalog, List<ScoredCandidate> scored)
    {
        var rules = _rules;
        if (rules.Count == 0)
        {
            return scored;
        }

        var result = new List<ScoredCandidate>(scored.Count);
        foreach (var item in scored)
        {
            var score = item.Score;
            foreach (var rule in rules)
            {
                if (rule.Action == RuleAction.Pin || !Matches(catalog, rule, item.Candidate.Row))
                {
                    continue;
                }

                score += rule.Action == RuleAction.Boost ? rule.Amount : -rule.Amount;
                Mark(item.Candidate, rule.Action == RuleAction.Boost ? Boosted : Buried);
            }

            result.Add(score == item.Score ? item : item with { Score = score });
        }

        result.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Candidate.Row.CompareTo(b.Candidate.Row));

        // Pins in rule order: the first pin takes the top place, the next one the place after it.
        var place = 0;
        foreach (var pin in rules.Where(r => r.Action == RuleAction.Pin))
        {
            var index = result.FindIndex(place, item => Matches(catalog, pin, item.Candidate.Row));
            if (index < 0)
            {
                continue;
            }

            var item = result[index];
            result.RemoveAt(index);
            result.Insert(place++, item);
            Mark(item.Candidate, Pinned);
        }

        return result;
    }

    public static bool Matches(CatalogReplica catalog, BusinessRule rule, int row)
    {
        var product = catalog.Product(row);
        return rule.Target switch
        {
            RuleTarget.Product => product.Id == rule.Value,
            RuleTarget.Brand => string.Equals(product.Brand, rule.Value, StringComparison.OrdinalIgnoreCase),
            RuleTarget.Category => CategoryPath.StartsWith(product.CategoryPath, CategoryPath.Segments(rule.Value)),
            _ => false,
        };
    }

    private static void Mark(Candidate candidate, string source)
    {
        if (!candidate.Sources.Contains(source))
        {
            candidate.Sources.Add(source);
        }
    }
}
