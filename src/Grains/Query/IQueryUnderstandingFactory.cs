namespace Aisle.Query;

/// <summary>
/// Puts the configured understanding in front of a catalog's rules once the catalog is loaded (the rules are built
/// from it): the rules alone (<see cref="RulesOnlyUnderstanding"/>, the default) or a language model that falls back to them.
/// </summary>
public interface IQueryUnderstandingFactory
{
    IQueryUnderstanding Over(QueryUnderstanding rules);
}
