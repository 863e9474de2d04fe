using System.Runtime.InteropServices;
using Aisle.Hosting;

namespace Aisle.Tests.Hosting;

public sealed class NativeHeapTests
{
    [Fact]
    public void FreedCHeapMemoryGoesBackToTheSystem()
    {
        // 64 MB in 64 kB blocks (below glibc's mmap threshold, so they live in its heap), every other one kept so that
        // the freed half is holes the heap cannot give back by shrinking from its top.
        var ones = Enumerable.Repeat((byte)1, 64 * 1024).ToArray();
        var blocks = new IntPtr[1024];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(ones.Length);
            Marshal.Copy(ones, 0, blocks[i], ones.Length);
        }

        for (var i = 0; i < blocks.Length; i += 2)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }

        var before = Rss();
        Assert.True(NativeHeap.Trim());
        var after = Rss();

        for (var i = 1; i < blocks.Length; i += 2)
        {
            Marshal.FreeHGlobal(blocks[i]);
        }

        Assert.True(before - after > 16 * 1024, $"RSS {before} kB before the trim, {after} kB after");
    }

    private static long Rss() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
