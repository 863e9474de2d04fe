namespace Aisle.Storage;

/// <summary>One queued write or clear, completed by a storage's writer after its batch commits.</summary>
internal sealed class StateChange(
    string stateName, string grainType, string grainKey, byte[]? payload, long? expectedVersion, OutboxRecord? outbox = null)
{
    /// <summary>Version meaning "the caller's etag is not one of ours": it never matches a row.</summary>
    public const long UnknownVersion = -1;

    public string StateName { get; } = stateName;
    public string GrainType { get; } = grainType;
    public string GrainKey { get; } = grainKey;

    /// <summary>The new payload, or null to clear the state.</summary>
    public byte[]? Payload { get; } = payload;

    /// <summary>The live version the caller last saw; null when it expects no live state.</summary>
    public long? ExpectedVersion { get; } = expectedVersion;

    /// <summary>Appended to the outbox in the same transaction, when the write is applied.</summary>
    public OutboxRecord? Outbox { get; } = outbox;

    // Continuations must not run on the writer's loop: that would stall every other queued change.
    public TaskCompletionSource<StateChangeOutcome> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Result of a <see cref="StateChange"/>.</summary>
/// <param name="Applied">False when the expected version did not match the stored one.</param>
/// <param name="Version">The new version when applied (0 when a clear found nothing to clear).</param>
/// <param name="StoredVersion">On mismatch, the live stored version (null when there is no live state).</param>
internal readonly record struct StateChangeOutcome(bool Applied, long Version, long? StoredVersion);
