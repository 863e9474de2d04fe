namespace Aisle.Recommendations;

/// <summary>The silo is still loading its catalog or indexes; the API answers 503 with a Retry-After.</summary>
[GenerateSerializer]
public sealed class CatalogNotReadyException(string stage) : Exception($"The catalog is still loading ({stage}).")
{
    [Id(0)]
    public string Stage { get; } = stage;
}
