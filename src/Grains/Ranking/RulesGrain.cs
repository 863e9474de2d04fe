using Aisle.Hosting;
using Aisle.Recommendations;

namespace Aisle.Ranking;

/// <summary>Persisted rule set of an admin (key 0); installs it in this silo's <see cref="BusinessRules"/> on activation
/// and on every change. Embedded mode has one silo; cluster mode must deliver changes to every silo, like snapshots.</summary>
[GrainType("rules")]
public sealed class RulesGrain(
    [PersistentState("rules", AisleStorage.Name)] IPersistentState<RulesState> state,
    BusinessRules rules) : Grain, IRulesGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Saved)
        {
            rules.Set(state.State.Rules);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BusinessRule>> GetAsync() => Task.FromResult(rules.Current);

    public async Task<IReadOnlyList<BusinessRule>> SetAsync(IReadOnlyList<BusinessRule> next)
    {
        state.State = new RulesState { Saved = true, Rules = next.ToArray() };
        await state.WriteStateAsync();
        rules.Set(next);
        return rules.Current;
    }
}

/// <summary>The rules an admin saved; until then, configuration's rules apply.</summary>
[GenerateSerializer]
public sealed record RulesState
{
    [Id(0)] public bool Saved { get; init; }
    [Id(1)] public BusinessRule[] Rules { get; init; } = [];
}
