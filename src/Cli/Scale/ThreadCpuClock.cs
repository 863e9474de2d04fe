using System.Runtime.InteropServices;

namespace Aisle.Cli.Scale;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): what one query costs the core it runs on,
/// whatever else the machine runs. On a shared machine wall-clock latency also counts the time the thread waited for
/// a core, so the per-core throughput of the scale benchmark is measured in this clock.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Whether this platform has the clock (Linux); elsewhere callers fall back to wall time.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>The calling thread's CPU time so far, in milliseconds.</summary>
    public static double NowMilliseconds()
    {
        if (!IsSupported || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return double.NaN;
        }

        return time.Seconds * 1000.0 + time.Nanoseconds / 1_000_000.0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
