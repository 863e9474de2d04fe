using System.Runtime.InteropServices;

namespace Aisle.Retrieval.Approximate;

/// <summary>
/// The few functions of USearch's C API that <see cref="ApproximateVectorIndex"/> calls, bound to the native library the
/// Cloud.Unum.USearch package ships (<c>runtimes/{rid}/native/libusearch_c</c>). The package's managed wrapper has no
/// filtered search, no thread-context setting and no memory figure, and allocates result arrays per call; the C API
/// it wraps has all of them, so Aisle binds that API directly and keeps the package for its native binaries.
/// </summary>
internal static unsafe partial class USearchNative
{
    private const string Library = "libusearch_c";

    /// <summary><c>usearch_metric_cos_k</c>.</summary>
    public const int MetricCos = 1;

    /// <summary><c>usearch_scalar_i8_k</c>.</summary>
    public const int ScalarInt8 = 4;

    /// <summary><c>usearch_init_options_t</c>, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public int MetricKind;
        public nint Metric;
        public int Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(ref InitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(nint index, nuint capacity, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(nint index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(nint index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(nint index, nuint expansion, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(nint index, ulong key, void* vector, int kind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_get")]
    public static partial nuint Get(nint index, ulong key, nuint count, void* vectors, int kind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(nint index, ulong key, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(nint index, void* query, int kind, nuint count, ulong* keys, float* distances, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(
        nint index, void* query, int kind, nuint count,
        delegate* unmanaged[Cdecl]<ulong, nint, int> filter, nint filterState,
        ulong* keys, float* distances, out nint error);

    /// <summary>Throws when a call set its error out-parameter (a static C string owned by the library).</summary>
    public static void Check(nint error, string operation)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"USearch {operation} failed: {Marshal.PtrToStringUTF8(error)}");
        }
    }
}
