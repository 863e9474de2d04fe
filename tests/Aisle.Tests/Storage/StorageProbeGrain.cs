namespace Aisle.Tests.Storage;

/// <summary>A grain whose only job is to keep one value in persistent state, for the silo-level storage test.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<ProbeReading> ReadAsync();
}

/// <summary>What the probe grain holds, and which activation answered.</summary>
[GenerateSerializer, Immutable]
public sealed record ProbeReading(
    [property: Id(0)] string? Value, [property: Id(1)] bool RecordExists, [property: Id(2)] Guid Activation);

[GenerateSerializer]
public sealed record ProbeState
{
    [Id(0)] public string? Value { get; init; }
}

public sealed class StorageProbeGrain(
    [PersistentState("probe", SqlitePersistentStateTests.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IStorageProbeGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    public async Task SetAsync(string value)
    {
        state.State = state.State with { Value = value };
        await state.WriteStateAsync();
    }

    public Task<ProbeReading> ReadAsync() => Task.FromResult(new ProbeReading(state.State.Value, state.RecordExists, _activation));
}
