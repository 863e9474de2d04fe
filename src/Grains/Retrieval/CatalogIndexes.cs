using Aisle.Query;

namespace Aisle.Retrieval;

/// <summary>
/// The catalog-derived search structures that are built once the catalog is loaded (the vector index is a
/// service of its own, since AstraDB can stand in for it).
/// </summary>
public sealed class CatalogIndexes
{
    private LexicalIndex? _lexical;
    private QueryUnderstanding? _understanding;

    public LexicalIndex Lexical => _lexical ?? throw new InvalidOperationException("The catalog is still loading.");

    public QueryUnderstanding Understanding => _understanding ?? throw new InvalidOperationException("The catalog is still loading.");

    public void Install(LexicalIndex lexical, QueryUnderstanding understanding)
    {
        _understanding = understanding;
        _lexical = lexical;
    }
}
