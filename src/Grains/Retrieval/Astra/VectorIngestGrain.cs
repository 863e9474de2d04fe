using Aisle.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// Runs <see cref="AstraIngest"/> in the background from this silo's replica, and keeps itself activated while it
/// runs. Progress lands in an immutable status record that the calls read. With the embedded store configured there
/// is no <see cref="AstraIngest"/> and the status says so.
/// </summary>
public sealed partial class VectorIngestGrain(IServiceProvider services, CatalogReplica replica, TimeProvider clock, ILogger<VectorIngestGrain> logger)
    : Grain, IVectorIngestGrain
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(30);
    private readonly AstraIngest? _ingest = services.GetService<AstraIngest>();
    private VectorIngestStatus _status = new(VectorIngestStatus.Idle, 0, 0, 0, 0, null, null, null);

    public Task<VectorIngestStatus> StartAsync()
    {
        if (_ingest is null)
        {
            return Task.FromResult(_status with { State = VectorIngestStatus.NotConfigured });
        }

        if (Volatile.Read(ref _status).State == VectorIngestStatus.Running)
        {
            return StatusAsync();
        }

        replica.EnsureReady();
        Volatile.Write(ref _status, new VectorIngestStatus(VectorIngestStatus.Running, replica.Count, 0, 0, 0, null, clock.GetUtcNow(), null));
        DelayDeactivation(KeepAlive);
        // Off the grain's scheduler: the ingest is I/O for minutes, and status calls must be answered meanwhile.
        _ = Task.Run(RunAsync);
        return StatusAsync();
    }

    public Task<VectorIngestStatus> StatusAsync() =>
        Task.FromResult(_ingest is null ? _status with { State = VectorIngestStatus.NotConfigured } : Volatile.Read(ref _status));

    private async Task RunAsync()
    {
        var started = _status.StartedAt;
        try
        {
            var result = await _ingest!.IngestAsync(replica,
                new Progress(p => Volatile.Write(ref _status, Volatile.Read(ref _status) with { Checked = p.Checked, Written = p.Written, Unchanged = p.Unchanged })),
                CancellationToken.None);
            Volatile.Write(ref _status, new VectorIngestStatus(VectorIngestStatus.Completed, result.Total, result.Checked, result.Written, result.Unchanged, null, started, clock.GetUtcNow()));
        }
        catch (Exception error)
        {
            LogFailed(logger, error);
            Volatile.Write(ref _status, Volatile.Read(ref _status) with { State = VectorIngestStatus.Failed, Error = error.Message, FinishedAt = clock.GetUtcNow() });
        }
    }

    private sealed class Progress(Action<AstraIngestProgress> report) : IProgress<AstraIngestProgress>
    {
        public void Report(AstraIngestProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The vector store ingest failed; run it again to resume.")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
