namespace Aisle.Cli.Simulation;

/// <summary>
/// Caps the request rate across every concurrent shopper: each request takes the next slot of a schedule spaced
/// 1/rate apart (a token bucket holding one second's burst), waiting until its slot comes.
/// </summary>
public sealed class RequestPacer(double requestsPerSecond, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly long _interval = (long)(TimeSpan.TicksPerSecond / Math.Max(1, requestsPerSecond));
    private readonly Lock _gate = new();
    private long _nextSlot;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        long wait;
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            // Idle time banks at most one second of requests.
            _nextSlot = Math.Max(_nextSlot, now - TimeSpan.TicksPerSecond);
            wait = _nextSlot - now;
            _nextSlot += _interval;
        }

        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(wait), _time, cancellationToken);
        }
    }
}
