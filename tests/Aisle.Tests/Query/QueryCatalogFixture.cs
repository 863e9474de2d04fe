using Aisle.Query;
using Aisle.Tests.Retrieval;

namespace Aisle.Tests.Query;

/// <summary>Query understanding over the real 20k catalog, built once for a test class.</summary>
public sealed class QueryCatalogFixture
{
    public QueryCatalogFixture() => Understanding = new QueryUnderstanding(CatalogDictionary.Build(LexicalTestCatalog.Products));

    public QueryUnderstanding Understanding { get; }
}
