using Aisle.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aisle.Learning;

/// <summary>
/// Keeps this silo's <see cref="ModelSlot"/> on the model the training grain published: a poll every
/// <see cref="ModelOptions.SyncInterval"/> that carries the model (megabytes) only when its version differs. The
/// same pull as <c>RulesSync</c>, for the same reasons: a silo that was starting or partitioned catches up by itself.
/// </summary>
public sealed partial class ModelSync(ModelSlot slot, IGrainFactory grains, IOptions<ModelOptions> options, ILogger<ModelSync> logger)
    : PeriodicSync(options.Value.SyncInterval)
{
    public override async Task SyncAsync()
    {
        var known = slot.Version;
        if (await grains.GetGrain<IModelTrainingGrain>(0).GetChangedAsync(known) is { } model)
        {
            slot.Install(model);
            LogInstalled(logger, model.Version, known, model.Items.Length);
        }
    }

    protected override void NotReachable(Exception error) => LogNotReachable(logger, error.Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned model version {Version} installed (was {Previous}; {Items} products)")]
    private static partial void LogInstalled(ILogger logger, long version, long previous, int items);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model training grain not reachable: {Reason}")]
    private static partial void LogNotReachable(ILogger logger, string reason);
}
