using Microsoft.Extensions.Hosting;

namespace Aisle.Hosting;

/// <summary>
/// A pull that keeps something this process holds on a grain's version: <see cref="SyncAsync"/> at start (a startup
/// task) and then every <see cref="Interval"/>. A failed tick (a silo still starting, a grain moving after a silo died)
/// is noted and retried by the next one.
/// </summary>
public abstract class PeriodicSync(TimeSpan interval) : BackgroundService
{
    public TimeSpan Interval { get; } = interval;

    /// <summary>Fetches and installs the grain's version when it differs from this process's.</summary>
    public abstract Task SyncAsync();

    /// <summary>Notes a tick that failed; the next one retries.</summary>
    protected abstract void NotReachable(Exception error);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SyncAsync().WaitAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    NotReachable(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
