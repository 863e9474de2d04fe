namespace Aisle.Query;

/// <summary>No language model configured: searches are understood by the rules alone, exactly as fast as before.</summary>
public sealed class RulesOnlyUnderstanding : IQueryUnderstandingFactory
{
    public IQueryUnderstanding Over(QueryUnderstanding rules) => rules;
}
