using System.Runtime.InteropServices;

namespace Aisle.Hosting;

/// <summary>
/// Gives the C library's free memory back to the system once the catalog is ready.
/// </summary>
/// <remarks>
/// Loading the model makes ONNX Runtime parse an 87 MB model, copy its weights and prepack them, and free the
/// intermediate copies; embedding the catalog does the same with each batch's tensors. glibc keeps what was freed in
/// its heaps for reuse, where it stays resident: ~28 MB measured after the model alone (docs/benchmarks.md, Memory).
/// <c>malloc_trim</c> returns those free pages. Elsewhere than glibc (musl) there is no such function, and nothing is done.
/// </remarks>
public static partial class NativeHeap
{
    /// <summary>Returns free pages of the C heap to the system; false where the C library cannot.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
