using Aisle.Query;

namespace Aisle.Retrieval;

/// <summary>
/// The catalog-derived search structures that are built once the catalog is loaded (the vector index is a
/// service of its own, since AstraDB can stand in for it).
/// </summary>
public sealed class CatalogIndexes
{
    private LexicalIndex? _lexical;
    private QueryUnderstanding? _rules;
    private IQueryUnderstanding? _understanding;

    public LexicalIndex Lexical => _lexical ?? throw new InvalidOperationException("The catalog is still loading.");

    /// <summary>The rule-based parser over this catalog's dictionary: the fallback of every other understanding.</summary>
    public QueryUnderstanding Rules => _rules ?? throw new InvalidOperationException("The catalog is still loading.");

    /// <summary>How searches are understood: the rules, or a model in front of them when one is configured.</summary>
    public IQueryUnderstanding Understanding => _understanding ?? throw new InvalidOperationException("The catalog is still loading.");

    /// <param name="understanding">What searches go through; the rules themselves when null.</param>
    public void Install(LexicalIndex lexical, QueryUnderstanding rules, IQueryUnderstanding? understanding = null)
    {
        _rules = rules;
        _understanding = understanding ?? rules;
        _lexical = lexical;
    }
}
