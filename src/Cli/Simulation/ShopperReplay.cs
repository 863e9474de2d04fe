using System.Collections.Concurrent;
using Aisle.Cli.Evaluation;

namespace Aisle.Cli.Simulation;

/// <summary>
/// Sends the simulated shoppers of one experiment through Aisle, <see cref="SimulationSettings.Concurrency"/> at a time,
/// each walking its script (<see cref="ShopperWalk"/>) step by step: ask recommendations, maybe search, send the step's
/// events as one batch. Shoppers are started customer by customer, copy by copy (every customer's first copy before
/// any second copy), so a replay cut short by the duration cap still covers the customers evenly.
/// </summary>
public sealed class ShopperReplay(AisleClient client, SimulationSettings settings)
{
    private readonly ConcurrentDictionary<(string, StepOutcome), long> _steps = new();

    public IReadOnlyDictionary<(string Variant, StepOutcome Outcome), long> Steps => _steps;

    /// <summary>Replays every shopper; returns true when the duration cap stopped it early.</summary>
    public async Task<bool> RunAsync(ExperimentPlan plan, IReadOnlyList<ShopperScript> scripts, IStageProgress progress, CancellationToken cancellationToken)
    {
        var walks = Enumerable.Range(0, settings.Repeat)
            .SelectMany(k => scripts.Select(s => (Script: s, Id: $"{plan.ShopperPrefix}{s.CustomerId}-{k}")));
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cap.CancelAfter(settings.Duration);
        try
        {
            await Parallel.ForEachAsync(walks, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cap.Token },
                async (w, ct) =>
                {
                    await WalkAsync(new ShopperWalk(w.Id, w.Script, settings.Behaviour, settings.Seed), ct);
                    client.Counters.ShopperDone();
                    progress.Advance();
                });
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private async Task WalkAsync(ShopperWalk walk, CancellationToken cancellationToken)
    {
        var id = walk.ShopperId;
        while (walk.Current is { } line)
        {
            var list = await client.RecommendAsync(id, SimulationSettings.ListSize, cancellationToken);
            var variant = list.Variant ?? "(none)";
            var outcome = walk.AfterRecommendations(list.Ids);
            List<SimEvent> events = [];
            switch (outcome)
            {
                case StepOutcome.BuyFromRecommendations:
                    events.Add(new SimEvent(id, "click", line.ProductId, RequestId: list.RequestId));
                    events.Add(new SimEvent(id, "add_to_cart", line.ProductId, line.Quantity, list.RequestId));
                    events.Add(new SimEvent(id, "purchase", line.ProductId, line.Quantity, list.RequestId));
                    break;
                case StepOutcome.Search:
                    var query = walk.SearchQuery();
                    var found = await client.SearchAsync(query, id, SimulationSettings.ListSize, cancellationToken);
                    outcome = walk.AfterSearch(found.Ids);
                    if (outcome == StepOutcome.BuyFromSearch)
                    {
                        events.Add(new SimEvent(id, "view", line.ProductId, RequestId: found.RequestId));
                        events.Add(new SimEvent(id, "purchase", line.ProductId, line.Quantity, found.RequestId));
                    }
                    else if (outcome == StepOutcome.ViewElsewhere)
                    {
                        events.Add(new SimEvent(id, "view", line.ProductId));
                    }

                    break;
                case StepOutcome.ViewElsewhere:
                    events.Add(new SimEvent(id, "view", line.ProductId));
                    break;
            }

            _steps.AddOrUpdate((variant, outcome), 1, (_, n) => n + 1);
            if (events.Count > 0)
            {
                await client.SendEventsAsync(events, cancellationToken);
            }
        }
    }
}
