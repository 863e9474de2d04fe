namespace Aisle.Learning;

/// <summary>
/// The learned model's training job and publisher (key 0): a single activation in the whole cluster, so one silo
/// trains at a time. It retrains on a schedule from the stored behaviour, keeps the model in service unless the new
/// one scores at least as well on a held-back slice, and every silo asks it for a newer model (<c>ModelSync</c>).
/// </summary>
public interface IModelTrainingGrain : IGrainWithIntegerKey
{
    /// <summary>The published model when its version differs from <paramref name="knownVersion"/>, else null: a poll
    /// that costs one small message while nothing changes.</summary>
    Task<ItemModel?> GetChangedAsync(long knownVersion);

    /// <summary>Starts a training now unless one is running, and returns at once: a run takes longer than a grain call
    /// may (about a minute for 150k interactions). <see cref="StatusAsync"/> tells when it is done.</summary>
    Task<ModelTrainingStatus> StartAsync();

    Task<ModelTrainingStatus> StatusAsync();
}

/// <summary>The training job as it stands.</summary>
/// <param name="Running">A training run is under way.</param>
/// <param name="Version">The published model's version (0 = none yet).</param>
/// <param name="TrainedAt">When the published model was trained.</param>
/// <param name="Last">What the last finished run did, if any finished since activation.</param>
[GenerateSerializer, Immutable]
public sealed record ModelTrainingStatus(
    [property: Id(0)] bool Running,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset? TrainedAt,
    [property: Id(3)] TrainingReport? Last);

/// <summary>What a training run did, for the command line and the admin API.</summary>
/// <param name="Outcome">published, kept_previous, too_little_data or failed.</param>
/// <param name="Version">The version in service afterwards (0 = none).</param>
/// <param name="Candidate">The new model's HR@10 / NDCG@10 on the held-back slice.</param>
/// <param name="Previous">The previous model's on the same slice.</param>
/// <param name="Shoppers">Shoppers with two or more products trained on.</param>
[GenerateSerializer, Immutable]
public sealed record TrainingReport(
    [property: Id(0)] string Outcome,
    [property: Id(1)] long Version,
    [property: Id(2)] HeldBackScore Candidate,
    [property: Id(3)] HeldBackScore Previous,
    [property: Id(4)] int Shoppers,
    [property: Id(5)] double Seconds,
    [property: Id(6)] string? Error = null);
