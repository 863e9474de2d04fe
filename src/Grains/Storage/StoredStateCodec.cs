using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>
/// What every Aisle grain storage does the same way whatever the database: the row key of a grain, state
/// (de)serialisation, version etags, and writes and clears with their etag checks.
/// </summary>
internal sealed class StoredStateCodec(string storageName, IGrainStorageSerializer serializer, IActivatorProvider activators)
{
    private readonly ConcurrentDictionary<GrainType, string> _grainTypeNames = new();

    public string GrainTypeName(GrainId grainId) =>
        _grainTypeNames.GetOrAdd(grainId.Type, static type => type.ToString()!);

    public T CreateDefault<T>() => activators.GetActivator<T>().Create()!;

    public byte[] Serialize<T>(T state)
    {
        var bytes = serializer.Serialize(state).ToMemory();
        // Serializers usually hand back a whole array; reuse it instead of copying.
        return MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
    }

    public T Deserialize<T>(byte[] payload) => serializer.Deserialize<T>(new BinaryData(payload)) ?? CreateDefault<T>();

    public static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long? ParseEtag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : StateChange.UnknownVersion;

    /// <summary>Writes a state (with the outbox record it carries) through a storage's writer and moves the etag on;
    /// a stale etag throws.</summary>
    public async Task WriteAsync<T>(Func<StateChange, Task<StateChangeOutcome>> submit, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var change = new StateChange(
            stateName, GrainTypeName(grainId), grainId.Key.ToString()!, Serialize(grainState.State), ParseEtag(grainState.ETag),
            (grainState.State as IHasOutbox)?.Outbox);
        var outcome = await submit(change).ConfigureAwait(false);
        if (!outcome.Applied)
        {
            throw Inconsistent("write", stateName, grainId, grainState.ETag, outcome);
        }

        grainState.ETag = FormatEtag(outcome.Version);
        grainState.RecordExists = true;
    }

    /// <summary>Clears a state through a storage's writer and resets it to the default; a stale etag throws.</summary>
    public async Task ClearAsync<T>(Func<StateChange, Task<StateChangeOutcome>> submit, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var change = new StateChange(stateName, GrainTypeName(grainId), grainId.Key.ToString()!, null, ParseEtag(grainState.ETag));
        var outcome = await submit(change).ConfigureAwait(false);
        if (!outcome.Applied)
        {
            throw Inconsistent("clear", stateName, grainId, grainState.ETag, outcome);
        }

        grainState.State = CreateDefault<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Inconsistent(
        string operation, string stateName, GrainId grainId, string? currentEtag, StateChangeOutcome outcome)
    {
        var storedEtag = outcome.StoredVersion is long stored ? FormatEtag(stored) : null;
        return new InconsistentStateException(
            $"Grain storage '{storageName}': {operation} of state '{stateName}' for {grainId} expected etag " +
            $"'{currentEtag ?? "(none)"}' but found '{storedEtag ?? "(none)"}'.",
            storedEtag,
            currentEtag);
    }
}
