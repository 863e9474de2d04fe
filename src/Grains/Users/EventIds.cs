using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Aisle.Users;

/// <summary>
/// The client event ids a shopper's grain remembers, so a retried event is applied once: the 64-bit hashes of the
/// last <see cref="Window"/> ids of applied events, 8 bytes each, oldest first, stored with the shopper's state and
/// so surviving restarts and failover. A retry is recognised while fewer than <see cref="Window"/> newer identified
/// events of the same shopper were applied after the original. Events without an id are applied every time they
/// arrive (at-least-once). A hash, not the id: 8 bytes whatever the id's length; two distinct ids of one shopper share
/// a hash with probability about 2^-64 × <see cref="Window"/>.
/// </summary>
public static class EventIds
{
    /// <summary>Ids remembered per shopper (2 kB at most).</summary>
    public const int Window = 256;

    private const int Bytes = sizeof(ulong);

    public static ulong Hash(string eventId) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(eventId));

    /// <summary>The remembered hashes as a set, for checking a batch.</summary>
    public static HashSet<ulong> Read(byte[]? remembered)
    {
        var set = new HashSet<ulong>();
        for (var i = 0; remembered is not null && i + Bytes <= remembered.Length; i += Bytes)
        {
            set.Add(BinaryPrimitives.ReadUInt64LittleEndian(remembered.AsSpan(i)));
        }

        return set;
    }

    /// <summary><paramref name="remembered"/> with <paramref name="applied"/> appended, keeping the newest <see cref="Window"/>.</summary>
    public static byte[]? Remember(byte[]? remembered, IReadOnlyList<ulong> applied)
    {
        if (applied.Count == 0)
        {
            return remembered;
        }

        var old = remembered ?? [];
        var total = Math.Min(Window, old.Length / Bytes + applied.Count);
        var result = new byte[total * Bytes];
        var fromNew = Math.Min(applied.Count, total);
        var fromOld = total - fromNew;
        old.AsSpan(old.Length - fromOld * Bytes, fromOld * Bytes).CopyTo(result);
        for (var i = 0; i < fromNew; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan((fromOld + i) * Bytes), applied[applied.Count - fromNew + i]);
        }

        return result;
    }
}
