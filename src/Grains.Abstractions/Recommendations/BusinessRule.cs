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

/// <summary>The rule set (key 0): the single writer; each change is installed in the silo's ranking at once.</summary>
public interface IRulesGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<BusinessRule>> GetAsync();

    /// <summary>Replaces every rule.</summary>
    Task<IReadOnlyList<BusinessRule>> SetAsync(IReadOnlyList<BusinessRule> rules);
}
