namespace Aisle.Cli.Simulation;

/// <summary>What one phase sent, counted across concurrent shoppers, and how long it took.</summary>
public sealed class SimulationCounters
{
    private long _requests;
    private long _events;
    private long _shoppers;
    private long _rejected;
    private long _retries;

    public string Phase { get; }

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? Finished { get; private set; }

    public SimulationCounters(string phase) => Phase = phase;

    public long Requests => Interlocked.Read(ref _requests);

    public long Events => Interlocked.Read(ref _events);

    public long Shoppers => Interlocked.Read(ref _shoppers);

    /// <summary>Events Aisle refused (reported in the batch answer).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Requests repeated after a 429 or 503.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public TimeSpan Elapsed => (Finished ?? DateTimeOffset.UtcNow) - Started;

    public void Request() => Interlocked.Increment(ref _requests);

    public void Retry() => Interlocked.Increment(ref _retries);

    public void Sent(int events, int rejected)
    {
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _rejected, rejected);
    }

    public void ShopperDone() => Interlocked.Increment(ref _shoppers);

    public void Finish() => Finished ??= DateTimeOffset.UtcNow;

    public double PerSecond(long count) => Elapsed.TotalSeconds > 0 ? count / Elapsed.TotalSeconds : 0;
}
