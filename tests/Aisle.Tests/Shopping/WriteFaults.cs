using System.Collections.Concurrent;
using Orleans.Storage;

namespace Aisle.Tests.Shopping;

/// <summary>Which grain's upcoming write should fail: the stand-in for a silo crashing between two writes.</summary>
public sealed class WriteFaults
{
    private readonly ConcurrentDictionary<GrainId, int> _countdowns = new();

    /// <summary>Makes the <paramref name="nth"/> write of <paramref name="grain"/> from now (1 = the next) fail.</summary>
    public void FailWrite(GrainId grain, int nth) => _countdowns[grain] = nth;

    /// <summary>Whether this write of <paramref name="grain"/> is the one to fail.</summary>
    public bool ShouldFail(GrainId grain)
    {
        while (_countdowns.TryGetValue(grain, out var left))
        {
            if (left <= 1)
            {
                if (_countdowns.TryRemove(new KeyValuePair<GrainId, int>(grain, left)))
                {
                    return true;
                }
            }
            else if (_countdowns.TryUpdate(grain, left - 1, left))
            {
                return false;
            }
        }

        return false;
    }
}

/// <summary>A grain storage that passes everything to <paramref name="inner"/> except the writes
/// <paramref name="faults"/> picks, which fail without reaching it.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, WriteFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.ShouldFail(grainId)
            ? throw new InvalidOperationException($"Injected write failure for {grainId}.")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
