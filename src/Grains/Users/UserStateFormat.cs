using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Aisle.Ranking;

namespace Aisle.Users;

/// <summary>
/// The compact stored form of a <see cref="UserState"/> (<see cref="UserState.Packed"/>): about 1.1 kB for a shopper
/// with 50 events where Orleans' own encoding of the same state takes ~10 kB (~5.7 kB after PostgreSQL's compression,
/// stored out of line in TOAST). Every event rewrites the whole state, so its size is most of what a durable event costs
/// the silos and PostgreSQL.
/// </summary>
/// <remarks>
/// <para>What makes it small, and what it gives up:</para>
/// <list type="bullet">
/// <item>Products are named once, in a table, by a 6-byte key of their id (<see cref="CatalogKeys"/>); recent
/// interactions and purchases refer to the table. Ids the catalog cannot key (unknown, ambiguous, or at most 6 bytes
/// long) are stored in full.</item>
/// <item>A category prefix or brand that a product of the table has is stored as a bit on that product, not as text.
/// The others are stored as text.</item>
/// <item>Decayed affinities are all brought to the state's newest time, so they need no time each, and kept as
/// 16-bit fractions of the strongest (0.05 % relative error: ranking only compares them with each other). Price sums stay doubles: their
/// variance is a difference of two of them.</item>
/// <item>The taste vector is kept as 8-bit integers with one scale (a cosine error ~1e-3); the grain keeps full
/// precision in memory, so precision is lost only once per load, not once per write.</item>
/// <item>Times are 100 ns ticks, UTC, as differences from the newest.</item>
/// </list>
/// <para>Product references and anchored names resolve through the catalog at load. With the catalog they were written
/// under, everything above round-trips (the floats within their precision). After a catalog change, interactions with
/// products no longer in it are dropped, and an affinity anchored on a product that moved category follows the product:
/// neither can matter to ranking, which only ranks what the catalog holds.</para>
/// <para>Layout (version 1): see <see cref="Pack"/>. A new layout takes the next version byte; <see cref="Unpack"/>
/// keeps reading the old ones, and states written before this format (no <see cref="UserState.Packed"/>) load as they
/// were.</para>
/// <para>Version 2 (<see cref="Hold"/>) is the grain's memory, not storage: version 1's layout with nothing rounded —
/// each affinity's value and time as they are, the taste in 32-bit floats — so a state held this way between calls
/// reads back exactly as it was written.</para>
/// </remarks>
public static class UserStateFormat
{
    public const byte Version = 1;

    /// <summary>The lossless layout of <see cref="Hold"/>.</summary>
    public const byte ExactVersion = 2;

    private const int LiteralFlag = 1;
    private const int BrandFlag = 2;
    private const int DepthShift = 2;
    private const int KindBits = 3;

    /// <summary>The state as stored: only <see cref="UserState.Packed"/> set, with the fields kept beside it (the
    /// remembered event ids, negative feedback, consumables' purchase times), which are small and often empty.</summary>
    /// <param name="halfLife">The affinity half-life the state decays with (to bring affinities to one time).</param>
    public static UserState Pack(UserState state, CatalogKeys catalog, TimeSpan halfLife) =>
        new() { Packed = Encode(state, catalog, halfLife), EventIds = state.EventIds, Pushed = state.Pushed, Consumed = state.Consumed };

    /// <summary>
    /// The state as a grain keeps it between calls: like <see cref="Pack"/>, but in the lossless <see cref="ExactVersion"/>
    /// layout, so that <see cref="Unpack"/> gives back exactly <paramref name="state"/> (under the same catalog; times in
    /// UTC). About 2 kB for a shopper with 50 events, of which 1.5 kB is the taste vector, where the unpacked state's
    /// collections take ~10 kB of small objects that live as long as the shopper is active.
    /// </summary>
    public static UserState Hold(UserState state, CatalogKeys catalog) =>
        new() { Packed = Encode(state, catalog, halfLife: default, exact: true), EventIds = state.EventIds, Pushed = state.Pushed, Consumed = state.Consumed };

    /// <summary>The live state of a stored or held one: decoded when packed (either layout), as it is when written before
    /// this format.</summary>
    public static UserState Unpack(UserState stored, CatalogKeys catalog) =>
        stored.Packed is { } packed
            ? Decode(packed, catalog) with { EventIds = stored.EventIds, Pushed = stored.Pushed, Consumed = stored.Consumed }
            : stored;

    public static byte[] Encode(UserState state, CatalogKeys catalog, TimeSpan halfLife) => Encode(state, catalog, halfLife, exact: false);

    private static byte[] Encode(UserState state, CatalogKeys catalog, TimeSpan halfLife, bool exact)
    {
        var newest = Newest(state);
        var table = new ProductTable(catalog);
        foreach (var r in state.Recent)
        {
            table.IndexOf(r.ProductId);
        }

        foreach (var id in state.Purchased)
        {
            table.IndexOf(id);
        }

        // Anchor each affinity on the first product of the table that has it; the rest stay text.
        var literalCategories = new List<KeyValuePair<string, DecayedValue>>();
        foreach (var pair in state.Categories)
        {
            if (!table.Anchor(pair.Key, pair.Value, brand: false))
            {
                literalCategories.Add(pair);
            }
        }

        var literalBrands = new List<KeyValuePair<string, DecayedValue>>();
        foreach (var pair in state.Brands)
        {
            if (!table.Anchor(pair.Key, pair.Value, brand: true))
            {
                literalBrands.Add(pair);
            }
        }

        using var buffer = new MemoryStream(1024);
        using var w = new BinaryWriter(buffer, Encoding.UTF8);
        w.Write(exact ? ExactVersion : Version);
        w.Write7BitEncodedInt(state.EventCount);
        w.Write(newest.UtcTicks);

        w.Write7BitEncodedInt(table.Entries.Count);
        foreach (var entry in table.Entries)
        {
            w.Write((byte)entry.Flags);
            if ((entry.Flags & LiteralFlag) != 0)
            {
                w.Write(entry.Id);
            }
            else
            {
                var key = CatalogKeys.KeyOf(entry.Id);
                w.Write((uint)key);
                w.Write((ushort)(key >> 32));
            }
        }

        w.Write7BitEncodedInt(state.Recent.Count);
        var previous = newest;
        foreach (var r in state.Recent)
        {
            w.Write7BitEncodedInt((table.IndexOf(r.ProductId) << KindBits) | (int)r.Kind);
            WriteZigZag(w, (previous - r.At).Ticks);
            previous = r.At;
        }

        w.Write7BitEncodedInt(state.Purchased.Count);
        foreach (var id in state.Purchased)
        {
            w.Write7BitEncodedInt(table.IndexOf(id));
        }

        // Affinities as fractions of the strongest, so a heavy shopper's sums cannot overflow a 16-bit float (exact: as
        // they are). Anchored ones in table order (depth 1..3 of each entry, then its brand), then the ones stored as text.
        double? scale = exact ? null : AffinityScale(state, newest, halfLife);
        if (scale is { } s)
        {
            w.Write(s);
        }

        var affinity = new AffinityWriter(w, newest, halfLife, scale);
        foreach (var entry in table.Entries)
        {
            foreach (var value in entry.Anchored)
            {
                affinity.Write(value);
            }
        }

        WriteAffinities(affinity, literalCategories);
        WriteAffinities(affinity, literalBrands);

        w.Write(state.PriceWeight.At.UtcTicks);
        w.Write(state.PriceWeight.Value);
        w.Write(state.PriceSum.Value);
        w.Write(state.PriceSquares.Value);

        WriteTaste(w, state.TasteSum, exact);
        w.Write7BitEncodedInt64((newest - state.TasteAt).Ticks);

        w.Write7BitEncodedInt(state.RecentQueries.Count);
        foreach (var query in state.RecentQueries)
        {
            w.Write(query);
        }

        w.Write7BitEncodedInt(state.Experiments.Count);
        foreach (var (name, member) in state.Experiments)
        {
            w.Write(name);
            w.Write(member.Variant);
            w.Write(member.FirstServed.UtcTicks);
            w.Write(member.Revenue);
            w.Write(member.Converted);
        }

        w.Flush();
        return buffer.ToArray();
    }

    public static UserState Decode(byte[] packed, CatalogKeys catalog)
    {
        using var r = new BinaryReader(new MemoryStream(packed, writable: false), Encoding.UTF8);
        var version = r.ReadByte();
        if (version is not (Version or ExactVersion))
        {
            throw new InvalidDataException($"Packed user state version {version} is not one this silo reads (1, 2).");
        }

        var exact = version == ExactVersion;
        var eventCount = r.Read7BitEncodedInt();
        var newest = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);

        // Entries whose product the catalog no longer has resolve to null: what refers to them is dropped.
        var entryCount = r.Read7BitEncodedInt();
        var flags = new int[entryCount];
        var products = new KeyedProduct?[entryCount];
        var ids = new string?[entryCount];
        for (var i = 0; i < entryCount; i++)
        {
            flags[i] = r.ReadByte();
            if ((flags[i] & LiteralFlag) != 0)
            {
                ids[i] = r.ReadString();
                products[i] = catalog.TryGetProduct(ids[i]!, out var p) ? p : null;
            }
            else
            {
                var key = r.ReadUInt32() | ((long)r.ReadUInt16() << 32);
                products[i] = catalog.TryGetByKey(key, out var p) ? p : null;
                ids[i] = products[i]?.Id;
            }
        }

        var recentCount = r.Read7BitEncodedInt();
        var recent = ImmutableList.CreateBuilder<RecentInteraction>();
        var previous = newest;
        for (var i = 0; i < recentCount; i++)
        {
            var reference = r.Read7BitEncodedInt();
            var at = previous - TimeSpan.FromTicks(ReadZigZag(r));
            previous = at;
            if (ids[reference >> KindBits] is { } id)
            {
                recent.Add(new RecentInteraction(id, (InteractionKind)(reference & ((1 << KindBits) - 1)), at));
            }
        }

        var purchasedCount = r.Read7BitEncodedInt();
        var purchased = ImmutableList.CreateBuilder<string>();
        for (var i = 0; i < purchasedCount; i++)
        {
            if (ids[r.Read7BitEncodedInt()] is { } id)
            {
                purchased.Add(id);
            }
        }

        var affinity = new AffinityReader(r, newest, exact ? null : r.ReadDouble());
        var categories = ImmutableDictionary.CreateBuilder<string, DecayedValue>(StringComparer.Ordinal);
        var brands = ImmutableDictionary.CreateBuilder<string, DecayedValue>(StringComparer.Ordinal);
        for (var i = 0; i < entryCount; i++)
        {
            var prefixes = products[i]?.Prefixes ?? [];
            for (var depth = 0; depth < ProfileUpdater.AffinityDepth; depth++)
            {
                if ((flags[i] & (1 << (DepthShift + depth))) != 0)
                {
                    var value = affinity.Read();
                    if (depth < prefixes.Length)
                    {
                        Merge(categories, prefixes[depth], value);
                    }
                }
            }

            if ((flags[i] & BrandFlag) != 0)
            {
                var value = affinity.Read();
                if (products[i]?.Brand is { } brand)
                {
                    Merge(brands, brand, value);
                }
            }
        }

        ReadAffinities(affinity, categories);
        ReadAffinities(affinity, brands);

        var priceAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var priceWeight = new DecayedValue(r.ReadDouble(), priceAt);
        var priceSum = new DecayedValue(r.ReadDouble(), priceAt);
        var priceSquares = new DecayedValue(r.ReadDouble(), priceAt);

        var taste = ReadTaste(r, exact);
        var tasteAt = newest - TimeSpan.FromTicks(r.Read7BitEncodedInt64());

        var queries = ImmutableList.CreateBuilder<string>();
        for (var count = r.Read7BitEncodedInt(); queries.Count < count;)
        {
            queries.Add(r.ReadString());
        }

        var experiments = ImmutableDictionary.CreateBuilder<string, ExperimentMembership>(StringComparer.Ordinal);
        for (var count = r.Read7BitEncodedInt(); experiments.Count < count;)
        {
            var name = r.ReadString();
            experiments[name] = new ExperimentMembership(
                r.ReadString(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), r.ReadDouble(), r.ReadBoolean());
        }

        return new UserState
        {
            Recent = recent.ToImmutable(),
            Categories = categories.ToImmutable(),
            Brands = brands.ToImmutable(),
            PriceWeight = priceWeight,
            PriceSum = priceSum,
            PriceSquares = priceSquares,
            TasteSum = taste,
            TasteAt = tasteAt,
            Purchased = purchased.ToImmutable(),
            RecentQueries = queries.ToImmutable(),
            EventCount = eventCount,
            Experiments = experiments.ToImmutable(),
        };
    }

    /// <summary>The newest time the state holds: every other time is stored as a distance back from it.</summary>
    private static DateTimeOffset Newest(UserState state)
    {
        var newest = state.TasteAt;
        foreach (var r in state.Recent)
        {
            newest = r.At > newest ? r.At : newest;
        }

        foreach (var value in state.Categories.Values)
        {
            newest = value.At > newest ? value.At : newest;
        }

        foreach (var value in state.Brands.Values)
        {
            newest = value.At > newest ? value.At : newest;
        }

        return newest.ToUniversalTime();
    }

    /// <summary>The strongest affinity at <paramref name="newest"/>: the others are stored as fractions of it.</summary>
    private static double AffinityScale(UserState state, DateTimeOffset newest, TimeSpan halfLife)
    {
        var scale = 0.0;
        foreach (var value in state.Categories.Values.Concat(state.Brands.Values))
        {
            scale = Math.Max(scale, value.ValueAt(newest, halfLife));
        }

        return scale > 0 ? scale : 1;
    }

    private static void WriteAffinities(AffinityWriter w, List<KeyValuePair<string, DecayedValue>> values)
    {
        w.Writer.Write7BitEncodedInt(values.Count);
        foreach (var (key, value) in values)
        {
            w.Writer.Write(key);
            w.Write(value);
        }
    }

    private static void ReadAffinities(AffinityReader r, ImmutableDictionary<string, DecayedValue>.Builder values)
    {
        for (var count = r.Reader.Read7BitEncodedInt(); count > 0; count--)
        {
            var key = r.Reader.ReadString();
            Merge(values, key, r.Read());
        }
    }

    /// <summary>Two anchors can name the same text after a catalog change; the stronger one is kept.</summary>
    private static void Merge(ImmutableDictionary<string, DecayedValue>.Builder values, string key, DecayedValue value)
    {
        if (!values.TryGetValue(key, out var held) || held.Value < value.Value)
        {
            values[key] = value;
        }
    }

    /// <summary>Writes affinities as 16-bit fractions of <paramref name="scale"/> brought to <paramref name="newest"/>
    /// (<see cref="Version"/>), or, without a scale, as their value and time (<see cref="ExactVersion"/>).</summary>
    private readonly struct AffinityWriter(BinaryWriter writer, DateTimeOffset newest, TimeSpan halfLife, double? scale)
    {
        public BinaryWriter Writer { get; } = writer;

        public void Write(DecayedValue value)
        {
            if (scale is { } s)
            {
                Writer.Write((Half)(value.ValueAt(newest, halfLife) / s));
            }
            else
            {
                Writer.Write(value.Value);
                WriteZigZag(Writer, (newest - value.At).Ticks);
            }
        }
    }

    /// <summary>Reads what <see cref="AffinityWriter"/> wrote.</summary>
    private readonly struct AffinityReader(BinaryReader reader, DateTimeOffset newest, double? scale)
    {
        public BinaryReader Reader { get; } = reader;

        public DecayedValue Read() => scale is { } s
            ? new DecayedValue((double)Reader.ReadHalf() * s, newest)
            : new DecayedValue(Reader.ReadDouble(), newest - TimeSpan.FromTicks(ReadZigZag(Reader)));
    }

    private static void WriteTaste(BinaryWriter w, float[]? taste, bool exact)
    {
        if (taste is null)
        {
            w.Write7BitEncodedInt(0);
            return;
        }

        w.Write7BitEncodedInt(taste.Length + 1);
        if (exact)
        {
            // Native byte order: this layout never leaves the process.
            w.Write(MemoryMarshal.AsBytes(taste.AsSpan()));
            return;
        }

        var scale = Math.Abs(TensorPrimitives.MaxMagnitude(taste)) / 127f;
        w.Write(scale);
        foreach (var x in taste)
        {
            w.Write(scale > 0 ? (sbyte)Math.Round(x / scale) : (sbyte)0);
        }
    }

    private static float[]? ReadTaste(BinaryReader r, bool exact)
    {
        var length = r.Read7BitEncodedInt() - 1;
        if (length < 0)
        {
            return null;
        }

        if (exact)
        {
            var exactTaste = new float[length];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(exactTaste.AsSpan()));
            return exactTaste;
        }

        var scale = r.ReadSingle();
        var taste = new float[length];
        for (var i = 0; i < length; i++)
        {
            taste[i] = r.ReadSByte() * scale;
        }

        return taste;
    }

    private static void WriteZigZag(BinaryWriter w, long value) => w.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    private static long ReadZigZag(BinaryReader r)
    {
        var raw = r.Read7BitEncodedInt64();
        return (long)((ulong)raw >> 1) ^ -(raw & 1);
    }

    /// <summary>The products a state names, in first-mention order, with the affinities anchored on each.</summary>
    private sealed class ProductTable(CatalogKeys catalog)
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Entry, int Depth)> _categoryOwners = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _brandOwners = new(StringComparer.Ordinal);

        public List<Entry> Entries { get; } = [];

        public int IndexOf(string id)
        {
            if (_index.TryGetValue(id, out var index))
            {
                return index;
            }

            index = Entries.Count;
            _index[id] = index;
            var keyed = catalog.HasKey(id) && Encoding.UTF8.GetByteCount(id) > 6;
            Entries.Add(new Entry(id, keyed ? 0 : LiteralFlag));
            if (catalog.TryGetProduct(id, out var product))
            {
                for (var depth = 0; depth < product.Prefixes.Length; depth++)
                {
                    _categoryOwners.TryAdd(product.Prefixes[depth], (index, depth));
                }

                if (product.Brand is { } brand)
                {
                    _brandOwners.TryAdd(brand, index);
                }
            }

            return index;
        }

        /// <summary>Anchors an affinity on the product that owns its name; false when none of the table does.</summary>
        public bool Anchor(string name, DecayedValue value, bool brand)
        {
            if (brand)
            {
                if (!_brandOwners.TryGetValue(name, out var owner))
                {
                    return false;
                }

                Entries[owner].Flags |= BrandFlag;
                Entries[owner].Brand = value;
                return true;
            }

            if (!_categoryOwners.TryGetValue(name, out var at))
            {
                return false;
            }

            Entries[at.Entry].Flags |= 1 << (DepthShift + at.Depth);
            Entries[at.Entry].Categories[at.Depth] = value;
            return true;
        }
    }

    private sealed class Entry(string id, int flags)
    {
        public string Id { get; } = id;
        public int Flags { get; set; } = flags;
        public DecayedValue[] Categories { get; } = new DecayedValue[ProfileUpdater.AffinityDepth];
        public DecayedValue Brand { get; set; }

        /// <summary>The anchored values in stored order: depths 1..3, then the brand.</summary>
        public IEnumerable<DecayedValue> Anchored
        {
            get
            {
                for (var depth = 0; depth < Categories.Length; depth++)
                {
                    if ((Flags & (1 << (DepthShift + depth))) != 0)
                    {
                        yield return Categories[depth];
                    }
                }

                if ((Flags & BrandFlag) != 0)
                {
                    yield return Brand;
                }
            }
        }
    }
}
