namespace Aisle.Recommendations;

/// <summary>What a merchandising rule does to matching items.</summary>
public enum RuleAction
{
    /// <summary>Adds <see cref="BusinessRule.Amount"/> to the score.</summary>
    Boost,

    /// <summary>Subtracts <see cref="BusinessRule.Amount"/> from the score.</summary>
    Bury,

    /// <summary>Moves the best matching candidate to the top of the list.</summary>
    Pin,
}

/// <summary>What a rule matches on.</summary>
public enum RuleTarget
{
    Product,
    Brand,
    /// <summary>A category path prefix, whole segments ("Footwear" matches "Footwear &gt; Men's Footwear").</summary>
    Category,
}

/// <summary>A merchandiser's boost, bury or pin, by product id, brand or category.</summary>
[GenerateSerializer, Immutable]
public sealed record BusinessRule(
    [property: Id(0)] RuleAction Action,
    [property: Id(1)] RuleTarget Target,
    [property: Id(2)] string Value,
    [property: Id(3)] double Amount = 0.5);

/// <summary>The rule set (key 0): the single writer. A change is installed in its own silo's ranking at once, and every
/// silo asks for changes every second (<c>RulesSync</c>), so the whole cluster applies it within about a second.</summary>
public interface IRulesGrain : IGrainWithIntegerKey
{
    /// <summary>The rules in force: the saved ones, or configuration's until an admin saves some.</summary>
    Task<IReadOnlyList<BusinessRule>> GetAsync();

    /// <summary>Replaces every rule.</summary>
    Task<IReadOnlyList<BusinessRule>> SetAsync(IReadOnlyList<BusinessRule> rules);

    /// <summary>The saved rules when their version differs from <paramref name="knownVersion"/>, else null: a poll that
    /// costs one small message while nothing changes.</summary>
    Task<SavedRules?> GetChangedAsync(long knownVersion);
}
