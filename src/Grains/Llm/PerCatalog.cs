using Aisle.Query;

namespace Aisle.Llm;

/// <summary>
/// One value per loaded catalog, built on first use and rebuilt when the catalog is replaced: the prompts' schemas list
/// the catalog's categories, so they are built once per catalog, not per call.
/// </summary>
public abstract class PerCatalog<T>(Func<CatalogDictionary, T> build)
{
    private Built? _current;

    public T For(CatalogDictionary dictionary)
    {
        var current = _current;
        if (current is null || !ReferenceEquals(current.Dictionary, dictionary))
        {
            current = new Built(dictionary, build(dictionary));
            _current = current;
        }

        return current.Value;
    }

    private sealed record Built(CatalogDictionary Dictionary, T Value);
}
