using Aisle.Hosting;
using Aisle.Recommendations;

namespace Aisle.Ranking;

/// <summary>
/// Persisted rule set of an admin (key 0), with a version that grows by one per save. A save is installed in this
/// silo's <see cref="BusinessRules"/> at once (the only silo in embedded mode); the other silos of a cluster pick it
/// up through <see cref="RulesSync"/>, which also installs the saved set on every silo at start.
/// </summary>
[GrainType("rules")]
public sealed class RulesGrain(
    [PersistentState("rules", AisleStorage.Name)] IPersistentState<RulesState> state,
    BusinessRules rules) : Grain, IRulesGrain
{
    public Task<IReadOnlyList<BusinessRule>> GetAsync() =>
        Task.FromResult(state.State.Saved ? state.State.Rules : rules.Configured);

    public async Task<IReadOnlyList<BusinessRule>> SetAsync(IReadOnlyList<BusinessRule> next)
    {
        var previous = state.State;
        state.State = new RulesState { Saved = true, Version = previous.EffectiveVersion + 1, Rules = next.ToArray() };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Silos must never be handed a version that storage does not hold.
            state.State = previous;
            throw;
        }

        rules.Set(Saved());
        return state.State.Rules;
    }

    public Task<SavedRules?> GetChangedAsync(long knownVersion) =>
        Task.FromResult(state.State.EffectiveVersion == knownVersion ? null : Saved());

    private SavedRules Saved() => new(state.State.EffectiveVersion, state.State.Rules);
}

/// <summary>The rules an admin saved; until then, configuration's rules apply.</summary>
[GenerateSerializer]
public sealed record RulesState
{
    [Id(0)] public bool Saved { get; init; }
    [Id(1)] public BusinessRule[] Rules { get; init; } = [];
    [Id(2)] public long Version { get; init; }

    /// <summary>The version silos compare: a set saved before versions existed (<see cref="Version"/> 0) counts as 1.</summary>
    public long EffectiveVersion => Saved ? Math.Max(1, Version) : 0;
}
