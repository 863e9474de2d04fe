using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Aisle.Retrieval.Vector;

/// <summary>
/// Dot products of int8 vectors whose length is a multiple of <see cref="Alignment"/> and whose values lie in
/// [-127, 127] (never -128: the x86 kernels take the absolute value of the query as an unsigned byte).
/// </summary>
public static class Int8DotProduct
{
    /// <summary>Vectors are zero-padded to a multiple of this many bytes so the kernels need no tail loop.</summary>
    public const int Alignment = 32;

    /// <summary>The kernel <see cref="Dot"/> uses on this machine: "avx-vnni", "avx2", "vector128" or "scalar".</summary>
    public static string Kernel { get; } =
        AvxVnni.IsSupported ? "avx-vnni" :
        Avx2.IsSupported ? "avx2" :
        Vector128.IsHardwareAccelerated ? "vector128" : "scalar";

    /// <summary>Zero-padded length of a vector of <paramref name="dimensions"/> components.</summary>
    public static int PaddedLength(int dimensions) => (dimensions + Alignment - 1) / Alignment * Alignment;

    /// <summary>
    /// The integer dot product of <paramref name="row"/> and the query. The query comes pre-split into its absolute
    /// values (<paramref name="queryAbs"/>) and itself (<paramref name="query"/>, whose signs are applied to the row),
    /// so the x86 kernels can use the unsigned × signed byte multiply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<byte> queryAbs, ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> row)
    {
        if (AvxVnni.IsSupported)
        {
            return DotAvxVnni(queryAbs, query, row);
        }

        if (Avx2.IsSupported)
        {
            return DotAvx2(queryAbs, query, row);
        }

        return Vector128.IsHardwareAccelerated ? DotVector128(query, row) : DotScalar(query, row);
    }

    /// <summary>Splits a quantised query into the absolute values the x86 kernels multiply by.</summary>
    public static void Abs(ReadOnlySpan<sbyte> query, Span<byte> queryAbs)
    {
        for (var i = 0; i < query.Length; i++)
        {
            queryAbs[i] = (byte)Math.Abs((int)query[i]);
        }
    }

    /// <summary>Reference implementation, also the fallback where no SIMD is available.</summary>
    public static int DotScalar(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> row)
    {
        var sum = 0;
        for (var i = 0; i < row.Length; i++)
        {
            sum += query[i] * row[i];
        }

        return sum;
    }

    /// <summary>Portable SIMD: widen to 16 bits, multiply, widen the products to 32 bits.</summary>
    public static int DotVector128(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> row)
    {
        ref var q = ref Unsafe.As<sbyte, byte>(ref Unsafe.AsRef(in query[0]));
        ref var r = ref Unsafe.As<sbyte, byte>(ref Unsafe.AsRef(in row[0]));
        var acc = Vector128<int>.Zero;
        for (nuint i = 0; i < (nuint)row.Length; i += 16)
        {
            var qv = Vector128.LoadUnsafe(ref q, i).AsSByte();
            var rv = Vector128.LoadUnsafe(ref r, i).AsSByte();
            var (qLo, qHi) = Vector128.Widen(qv);
            var (rLo, rHi) = Vector128.Widen(rv);
            var pLo = qLo * rLo;
            var pHi = qHi * rHi;
            var (a, b) = Vector128.Widen(pLo);
            var (c, d) = Vector128.Widen(pHi);
            acc += (a + b) + (c + d);
        }

        return Vector128.Sum(acc);
    }

    /// <summary>
    /// AVX2: |q| (u8) × (row with q's sign) (s8) summed in pairs to s16 — at most 2·127·127, so no saturation —
    /// then summed in pairs to s32.
    /// </summary>
    public static int DotAvx2(ReadOnlySpan<byte> queryAbs, ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> row)
    {
        if (!Avx2.IsSupported)
        {
            return DotScalar(query, row);
        }

        ref var qa = ref Unsafe.AsRef(in queryAbs[0]);
        ref var q = ref Unsafe.As<sbyte, byte>(ref Unsafe.AsRef(in query[0]));
        ref var r = ref Unsafe.As<sbyte, byte>(ref Unsafe.AsRef(in row[0]));
        var ones = Vector256.Create((short)1);
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        var length = (nuint)row.Length;
        nuint i = 0;
        for (; i + 64 <= length; i += 64)
        {
            var s0 = Avx2.Sign(Vector256.LoadUnsafe(ref r, i).AsSByte(), Vector256.LoadUnsafe(ref q, i).AsSByte());
            var s1 = Avx2.Sign(Vector256.LoadUnsafe(ref r, i + 32).AsSByte(), Vector256.LoadUnsafe(ref q, i + 32).AsSByte());
            var p0 = Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref qa, i), s0);
            var p1 = Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref qa, i + 32), s1);
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(p0, ones));
            acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(p1, ones));
        }

        if (i < length)
        {
            var s = Avx2.Sign(Vector256.LoadUnsafe(ref r, i).AsSByte(), Vector256.LoadUnsafe(ref q, i).AsSByte());
            acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref qa, i), s), ones));
        }

        return Vector256.Sum(acc0 + acc1);
    }

    /// <summary>AVX-VNNI: the same sign trick, with the u8 × s8 products summed straight into s32 lanes.</summary>
    public static int DotAvxVnni(ReadOnlySpan<byte> queryAbs, ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> row)
    {
        if (!AvxVnni.IsSupported)
        {
            return DotAvx2(queryAbs, query, row);
        }

        ref var qa = ref Unsafe.AsRef(in queryAbs[0]);
        ref var q = ref Unsafe.As<sbyte, byte>(ref Unsafe.AsRef(in query[0]));
        ref var r = ref Unsafe.As<sbyte, byte>(ref Unsafe.AsRef(in row[0]));
        var acc0 = Vector256<int>.Zero;
        var acc1 = Vector256<int>.Zero;
        var length = (nuint)row.Length;
        nuint i = 0;
        for (; i + 64 <= length; i += 64)
        {
            var s0 = Avx2.Sign(Vector256.LoadUnsafe(ref r, i).AsSByte(), Vector256.LoadUnsafe(ref q, i).AsSByte());
            var s1 = Avx2.Sign(Vector256.LoadUnsafe(ref r, i + 32).AsSByte(), Vector256.LoadUnsafe(ref q, i + 32).AsSByte());
            acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Vector256.LoadUnsafe(ref qa, i), s0);
            acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, Vector256.LoadUnsafe(ref qa, i + 32), s1);
        }

        if (i < length)
        {
            var s = Avx2.Sign(Vector256.LoadUnsafe(ref r, i).AsSByte(), Vector256.LoadUnsafe(ref q, i).AsSByte());
            acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Vector256.LoadUnsafe(ref qa, i), s);
        }

        return Vector256.Sum(acc0 + acc1);
    }
}
