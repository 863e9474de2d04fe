using System.Text;
using Aisle.Users;

namespace Aisle.Products;

/// <summary>
/// The outbox payload of one shopper write: its <see cref="ActivityTouch"/>es, compact. A product is written as its
/// 6-byte catalog key (<see cref="CatalogKeys"/>) when the catalog resolves the key back to it, else as its id, so a
/// typical event with a full co-interaction window costs about a hundred bytes.
/// </summary>
public static class ActivityRecordFormat
{
    private const byte Version = 1;
    private const byte Keyed = 0;
    private const byte Named = 1;

    public static byte[] Write(IReadOnlyList<ActivityTouch> touches, CatalogKeys keys)
    {
        using var buffer = new MemoryStream(16 + touches.Count * 96);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write7BitEncodedInt(touches.Count);
            foreach (var t in touches)
            {
                WriteProduct(w, t.ProductId, keys);
                w.Write((byte)t.Kind);
                w.Write7BitEncodedInt(Math.Max(0, t.Quantity));
                w.Write(t.At.UtcTicks);
                w.Write7BitEncodedInt(t.Earlier.Length);
                foreach (var link in t.Earlier)
                {
                    WriteProduct(w, link.ProductId, keys);
                    w.Write(link.Weight);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The touches of a payload. A product the catalog no longer resolves (removed since the write) is left
    /// out, with its links; a payload in an unknown format throws <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<ActivityTouch> Read(byte[] payload, CatalogKeys keys)
    {
        using var r = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        try
        {
            if (r.ReadByte() != Version)
            {
                throw new InvalidDataException("Activity record of an unknown format version.");
            }

            var count = r.Read7BitEncodedInt();
            var touches = new List<ActivityTouch>(count);
            for (var i = 0; i < count; i++)
            {
                var productId = ReadProduct(r, keys);
                var kind = (InteractionKind)r.ReadByte();
                var quantity = r.Read7BitEncodedInt();
                var at = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
                var links = new List<ActivityLink>(r.Read7BitEncodedInt());
                for (var j = links.Capacity; j > 0; j--)
                {
                    var other = ReadProduct(r, keys);
                    var weight = r.ReadDouble();
                    if (other is not null)
                    {
                        links.Add(new ActivityLink(other, weight));
                    }
                }

                if (productId is not null)
                {
                    touches.Add(new ActivityTouch(productId, kind, quantity, at, [.. links]));
                }
            }

            return touches;
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException("Activity record is truncated.", error);
        }
    }

    private static void WriteProduct(BinaryWriter w, string productId, CatalogKeys keys)
    {
        if (keys.HasKey(productId))
        {
            w.Write(Keyed);
            var key = CatalogKeys.KeyOf(productId);
            w.Write((uint)key);
            w.Write((ushort)(key >> 32));
        }
        else
        {
            w.Write(Named);
            w.Write(productId);
        }
    }

    private static string? ReadProduct(BinaryReader r, CatalogKeys keys)
    {
        switch (r.ReadByte())
        {
            case Keyed:
                var key = r.ReadUInt32() | ((long)r.ReadUInt16() << 32);
                return keys.TryGetByKey(key, out var product) ? product.Id : null;
            case Named:
                var id = r.ReadString();
                return keys.TryGetProduct(id, out var named) ? named.Id : null;
            default:
                throw new InvalidDataException("Activity record names a product in an unknown way.");
        }
    }
}
