namespace Aisle.Learning;

/// <summary>What the training grain stores: only the last version it published, so versions keep rising across
/// restarts. The model itself (megabytes) is not stored: every silo holds its copy, and a reactivated grain trains a
/// new one after <see cref="ModelOptions.FirstTrainingDelay"/>.</summary>
[GenerateSerializer]
public sealed record ModelTrainingState
{
    [Id(0)] public long LastVersion { get; init; }
}
