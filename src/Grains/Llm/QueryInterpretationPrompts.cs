using Aisle.Query;

namespace Aisle.Llm;

/// <summary>One <see cref="QueryInterpretationPrompt"/> per loaded catalog, built on first use (its schema lists the
/// catalog's categories, so it is built once, not per call).</summary>
public sealed class QueryInterpretationPrompts
{
    private QueryInterpretationPrompt? _current;

    public QueryInterpretationPrompt For(CatalogDictionary dictionary)
    {
        var current = _current;
        if (current is null || !current.IsFor(dictionary))
        {
            current = new QueryInterpretationPrompt(dictionary);
            _current = current;
        }

        return current;
    }
}
