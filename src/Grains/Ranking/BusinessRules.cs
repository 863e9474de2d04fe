using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Recommendations;

namespace Aisle.Ranking;

/// <summary>
/// This silo's merchandising rules, applied after scoring: boosts and buries shift scores, pins move the best
/// matching candidate to the top (pins reorder candidates; they do not add products a list would not hold).
/// Starts from configuration (<c>Aisle:Rules</c>, version 0); <see cref="RulesSync"/> and the rules grain replace the
/// set with the saved one when an admin changes it.
/// </summary>
public sealed class BusinessRules(IReadOnlyList<BusinessRule>? configured = null)
{
    public const string Section = "Aisle:Rules";
    public const string Boosted = "boosted";
    public const string Buried = "buried";
    public const string Pinned = "pinned";

    // Rules and version in one object, so a reader never sees the rules of one version with the number of another.
    private volatile SavedRules _applied = new(0, configured ?? []);

    /// <summary>Configuration's rules: what applies while no admin has saved any (version 0).</summary>
    public IReadOnlyList<BusinessRule> Configured { get; } = configured ?? [];

    public IReadOnlyList<BusinessRule> Current => _applied.Rules;

    /// <summary>The version of <see cref="Current"/>: 0 for configuration's rules, else the saved set's.</summary>
    public long Version => _applied.Version;

    /// <summary>Applies a saved set from now on; version 0 brings configuration's rules back.</summary>
    public void Set(SavedRules saved)
    {
        _applied = saved.Version == 0 ? new SavedRules(0, Configured) : saved with { Rules = saved.Rules.ToArray() };
        AisleMetrics.RulesVersion.Set(saved.Version);
    }

    public List<ScoredCandidate> Apply(CatalogReplica catalog, List<ScoredCandidate> scored)
    {
        var rules = _applied.Rules;
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
