using System.Diagnostics;

namespace Aisle.Hosting;

/// <summary>
/// Wall-clock seconds per stage of a sequence of steps, printed as "stage 1.2 s, …": the catalog-ready line says where
/// a slow start went without a profiler.
/// </summary>
internal sealed class StageTimes
{
    private readonly List<(string Stage, TimeSpan Took)> _done = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _current;

    /// <summary>Ends the current stage, if any, and starts <paramref name="stage"/> (null: none).</summary>
    public void Next(string? stage)
    {
        if (_current is not null)
        {
            _done.Add((_current, _clock.Elapsed));
        }

        _current = stage;
        _clock.Restart();
    }

    public override string ToString() => string.Join(", ", _done.Select(s => $"{s.Stage} {s.Took.TotalSeconds:F1} s"));
}
