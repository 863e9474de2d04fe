using Aisle.Hosting;

namespace Aisle.Experiments;

/// <summary>
/// The saved experiment definitions (key 0), versioned: a save is installed in this process's
/// <see cref="ExperimentRouter"/> at once, and every other silo and frontend picks it up through
/// <see cref="ExperimentsSync"/>. Until an admin saves, configuration's experiments apply.
/// </summary>
[GrainType("experiments")]
public sealed class ExperimentsGrain(
    [PersistentState("experiments", AisleStorage.Name)] IPersistentState<ExperimentsState> state,
    ExperimentRouter router) : Grain, IExperimentsGrain
{
    public Task<ExperimentSet> GetAsync() => Task.FromResult(Current());

    public Task<ExperimentSet?> GetChangedAsync(long knownVersion) =>
        Task.FromResult(state.State.Version == knownVersion ? null : Current());

    public async Task<ExperimentSet> SetAsync(IReadOnlyList<ExperimentDefinition> definitions)
    {
        var previous = state.State;
        state.State = new ExperimentsState { Version = previous.Version + 1, Definitions = definitions.ToArray() };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nobody may be handed a version that storage does not hold.
            state.State = previous;
            throw;
        }

        var saved = Current();
        router.Set(saved);
        return saved;
    }

    private ExperimentSet Current() =>
        state.State.Version == 0 ? new ExperimentSet(0, router.Configured) : new ExperimentSet(state.State.Version, state.State.Definitions);
}

/// <summary>Definitions an admin saved; version 0 means none yet (configuration's apply).</summary>
[GenerateSerializer]
public sealed record ExperimentsState
{
    [Id(0)] public long Version { get; init; }
    [Id(1)] public ExperimentDefinition[] Definitions { get; init; } = [];
}
