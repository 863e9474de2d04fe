using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Observability;
using Aisle.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Aisle.Learning;

/// <summary>
/// <see cref="IModelTrainingGrain"/>: a grain timer retrains every <see cref="ModelOptions.RetrainInterval"/>; the
/// silos' polls keep it activated. Reentrant so that training (a minute of CPU, run off the grain's turn) never
/// delays a poll: the only shared state is the published model, replaced in one assignment.
/// </summary>
[Reentrant]
public sealed partial class ModelTrainingGrain(
    [PersistentState("modeltraining", AisleStorage.Name)] IPersistentState<ModelTrainingState> state,
    IServiceProvider services,
    CatalogReplica replica,
    IOptions<ModelOptions> options,
    IOptions<TrainingSettings> training,
    TimeProvider clock,
    ILogger<ModelTrainingGrain> logger) : Grain, IModelTrainingGrain
{
    private ItemModel? _published;
    private Task<TrainingReport>? _running;
    private TrainingReport? _last;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            this.RegisterGrainTimer(async _ => await Start(), new GrainTimerCreationOptions
            {
                DueTime = options.Value.FirstTrainingDelay,
                Period = options.Value.RetrainInterval,
                Interleave = true,
            });
        }

        return Task.CompletedTask;
    }

    public Task<ItemModel?> GetChangedAsync(long knownVersion) =>
        Task.FromResult(_published is { } model && model.Version != knownVersion ? model : null);

    public Task<ModelTrainingStatus> StartAsync()
    {
        _ = Start();
        return StatusAsync();
    }

    public Task<ModelTrainingStatus> StatusAsync() =>
        Task.FromResult(new ModelTrainingStatus(_running is { IsCompleted: false }, _published?.Version ?? 0, _published?.TrainedAt, _last));

    /// <summary>The run under way, or a new one: one at a time, whoever asks (the timer, the admin API).</summary>
    private Task<TrainingReport> Start()
    {
        if (_running is not { IsCompleted: false })
        {
            _running = RunAsync();
        }

        return _running;
    }

    private async Task<TrainingReport> RunAsync()
    {
        // After a reactivation the grain has published nothing yet, but its silo still serves the last model: the new
        // one must beat that one.
        var previous = _published ?? services.GetService<ModelSlot>()?.Current?.Model;
        var version = state.State.LastVersion + 1;
        try
        {
            var reader = services.GetRequiredKeyedService<IGrainStateReader>(AisleStorage.Name);
            var outcome = await Task.Run(async () =>
            {
                var shoppers = new List<ShopperSequence>();
                await foreach (var shopper in StoredSequences.ReadAsync(reader, replica))
                {
                    shoppers.Add(shopper);
                }

                return TrainingRun.Run(shoppers, previous, training.Value, options.Value, version, clock.GetUtcNow());
            });
            AisleMetrics.ModelTrained(outcome.Outcome);
            if (outcome.Published is { } model)
            {
                state.State = state.State with { LastVersion = model.Version };
                await state.WriteStateAsync();
                _published = model;
            }

            LogTrained(logger, outcome.Outcome, _published?.Version ?? 0, outcome.Candidate.HitRate10, outcome.Previous.HitRate10, outcome.Shoppers,
                outcome.Elapsed.TotalSeconds);
            return _last = new TrainingReport(outcome.Outcome, _published?.Version ?? 0, outcome.Candidate, outcome.Previous, outcome.Shoppers, outcome.Elapsed.TotalSeconds);
        }
        catch (Exception ex)
        {
            // The model in service stays; the next tick tries again.
            AisleMetrics.ModelTrained("failed");
            LogFailed(logger, ex);
            return _last = new TrainingReport("failed", _published?.Version ?? 0, HeldBackScore.None, previous?.HeldBack ?? HeldBackScore.None, 0, 0, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Model training {Outcome}: version {Version} in service; held-back HR@10 new {Candidate:0.0000}, previous {Previous:0.0000}; {Shoppers} shoppers, {Seconds:0.0} s")]
    private static partial void LogTrained(ILogger logger, string outcome, long version, double candidate, double previous, int shoppers, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model training failed; the model in service stays")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
