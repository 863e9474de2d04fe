using System.Diagnostics;

namespace Aisle.Cli.Bench;

/// <summary>What a paced run measured; latencies in milliseconds.</summary>
public sealed record PacedResult(int Requests, double P50, double P99, int Failed);

/// <summary>
/// A fixed request rate (an open loop): request i is due at start + i/rate whatever the earlier ones are doing, and its
/// latency counts from when it was due, not from when it was sent — so a stall shows in the percentiles instead of
/// quietly lowering the rate (coordinated omission).
/// </summary>
public sealed class PacedRun(HttpClient client)
{
    public async Task<PacedResult> RunAsync(IReadOnlyList<string> paths, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)Math.Max(1, rate * duration.TotalSeconds);
        var latencies = new double[total];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var index = i;
            inFlight.Add(SendAsync(paths[i % paths.Count], due, index));
        }

        await Task.WhenAll(inFlight);
        Array.Sort(latencies);
        return new PacedResult(total, Percentile(latencies, 0.50), Percentile(latencies, 0.99), failed);

        async Task SendAsync(string path, TimeSpan due, int index)
        {
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
            }

            latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
