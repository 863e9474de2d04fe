using System.Collections.Immutable;

namespace Aisle.Products;

/// <summary>
/// Which outbox records of one source a product has applied: every record numbered up to <see cref="Through"/> that
/// touched the product, and the ones listed in <see cref="Above"/>. Stored with the product's counters, in the same
/// write, so after any crash the product's state and this account of it agree.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AppliedActivity
{
    public static readonly AppliedActivity None = new();

    [Id(0)] public long Through { get; init; }

    /// <summary>Applied records above <see cref="Through"/>, ascending; few, except halfway through a replay.</summary>
    [Id(1)] public ImmutableArray<long> Above { get; init; } = [];

    /// <summary>When this source was last applied: the oldest sources are forgotten first (<see cref="Bounded"/>).</summary>
    [Id(2)] public DateTimeOffset Updated { get; init; }

    public bool Contains(long sequence) => sequence <= Through || Above.BinarySearch(sequence) >= 0;

    /// <summary>After applying a delivery with <paramref name="mark"/>.</summary>
    public AppliedActivity With(ActivityMark mark, DateTimeOffset now) => Advance(mark.CompleteThrough, mark.Above, now);

    /// <summary>After applying the replayed record <paramref name="sequence"/>.</summary>
    public AppliedActivity With(long sequence, DateTimeOffset now) => Advance(Through, [sequence], now);

    /// <summary>Once every record up to <paramref name="through"/> has been offered.</summary>
    public AppliedActivity CompleteTo(long through, DateTimeOffset now) => Advance(through, [], now);

    private AppliedActivity Advance(long through, IEnumerable<long> above, DateTimeOffset now)
    {
        var t = Math.Max(Through, through);
        return new AppliedActivity
        {
            Through = t,
            Above = [.. Above.Concat(above).Where(s => s > t).Distinct().Order()],
            Updated = now,
        };
    }

    /// <summary>Sources a product remembers. Every silo start is a new source; one that is gone for good has had
    /// its outbox replayed and deleted long before this many newer ones have written to the same product.</summary>
    public const int MaxSources = 16;

    /// <summary><paramref name="applied"/> without its least recently updated sources beyond <see cref="MaxSources"/>.</summary>
    public static ImmutableDictionary<string, AppliedActivity> Bounded(ImmutableDictionary<string, AppliedActivity> applied) =>
        applied.Count <= MaxSources
            ? applied
            : applied.RemoveRange(applied.OrderBy(a => a.Value.Updated).Take(applied.Count - MaxSources).Select(a => a.Key));
}
