using System.Globalization;

namespace Aisle.Cli.Bench;

/// <summary>
/// The CPU time the server behind the URL has used, from its own <c>process_cpu_seconds_total</c> (prometheus-net's
/// process metrics on <c>/metrics</c>): read before and after a run, it gives CPU per request without knowing the pid.
/// In cluster mode this is the frontend's share only.
/// </summary>
public sealed class ServerCpu(HttpClient client)
{
    public const string Metric = "process_cpu_seconds_total";

    public async Task<double?> SecondsAsync(CancellationToken cancellationToken)
    {
        var text = await client.GetStringAsync("metrics", cancellationToken);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(Metric + " ", StringComparison.Ordinal)
                && double.TryParse(line[(Metric.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
        }

        return null;
    }
}
