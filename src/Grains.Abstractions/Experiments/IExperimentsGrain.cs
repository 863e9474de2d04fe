namespace Aisle.Experiments;

/// <summary>
/// The experiment definitions (key 0), versioned like the merchandising rules: every save adds one to the version,
/// and every silo and frontend polls for a version it does not hold. Until an admin saves, configuration's
/// <c>Aisle:Experiments</c> apply.
/// </summary>
public interface IExperimentsGrain : IGrainWithIntegerKey
{
    Task<ExperimentSet> GetAsync();

    /// <summary>The set, or null when <paramref name="knownVersion"/> is current.</summary>
    Task<ExperimentSet?> GetChangedAsync(long knownVersion);

    /// <summary>Replaces the whole set (already validated by the caller).</summary>
    Task<ExperimentSet> SetAsync(IReadOnlyList<ExperimentDefinition> definitions);
}

/// <summary>The definitions in force and their version (0: configuration's, nothing saved yet).</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentSet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<ExperimentDefinition> Definitions)
{
    public ExperimentDefinition? Find(string name) =>
        Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
