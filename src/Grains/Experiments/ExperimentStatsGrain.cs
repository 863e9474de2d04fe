using Aisle.Hosting;

namespace Aisle.Experiments;

/// <summary>
/// One experiment's durable totals per variant, and their history for the report's chart (<see cref="TotalsHistory"/>).
/// Written through on every delivery (one per silo per second at most).
/// </summary>
[GrainType("experiment-stats")]
public sealed class ExperimentStatsGrain(
    [PersistentState("experiment-stats", AisleStorage.Name)] IPersistentState<ExperimentStatsState> state) : Grain, IExperimentStatsGrain
{
    public static readonly TimeSpan PointInterval = TimeSpan.FromSeconds(5);

    public const int MaxPoints = 400;

    public async Task AddAsync(IReadOnlyList<VariantDelta> deltas, DateTimeOffset at)
    {
        var previous = state.State;
        var totals = new Dictionary<string, VariantCounters>(previous.Variants, StringComparer.Ordinal);
        foreach (var delta in deltas)
        {
            totals[delta.Variant] = totals.TryGetValue(delta.Variant, out var sum) ? sum.Plus(delta.Counters) : delta.Counters;
        }

        var history = TotalsHistory.Append(previous.History, new TotalsPoint(at, totals), PointInterval, MaxPoints);

        state.State = new ExperimentStatsState
        {
            Variants = totals,
            History = history,
            FirstActivity = previous.FirstActivity ?? at,
            LastActivity = at,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The caller keeps the deltas and sends them again: they must not count twice.
            state.State = previous;
            throw;
        }
    }

    public Task<ExperimentTotals> GetAsync() => Task.FromResult(new ExperimentTotals(
        state.State.Variants, state.State.History, state.State.FirstActivity, state.State.LastActivity));
}

[GenerateSerializer]
public sealed record ExperimentStatsState
{
    [Id(0)] public Dictionary<string, VariantCounters> Variants { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public TotalsPoint[] History { get; init; } = [];
    [Id(2)] public DateTimeOffset? FirstActivity { get; init; }
    [Id(3)] public DateTimeOffset? LastActivity { get; init; }
}
