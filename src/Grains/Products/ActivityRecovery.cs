using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Observability;
using Aisle.Storage;
using Aisle.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aisle.Products;

/// <summary>
/// Replays the product activity a silo left in the outbox when it died (kill -9, a crash, a shutdown past its budget)
/// and deletes it: every silo looks, and any may replay, since products skip the records they already hold.
/// </summary>
/// <remarks>
/// A source is gone when the membership says its silo is dead, or when it is missing from the membership and
/// started before this silo (an earlier incarnation: the embedded mode's previous run, or one cleaned from the table).
/// A silo newer than this one that is missing has just joined and is not known here yet; two looks in a row guard
/// the rest of that race.
/// </remarks>
public sealed partial class ActivityRecovery(
    IGrainFactory grains,
    CatalogReplica replica,
    ProductActivityBuffer buffer,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<ActivityOutboxOptions> options,
    IServiceProvider services,
    ILogger<ActivityRecovery> logger) : BackgroundService
{
    private readonly IOutboxLog? _outbox = services.GetKeyedService<IOutboxLog>(AisleStorage.Name);
    private readonly HashSet<string> _suspects = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_outbox is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RecoveryInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!replica.Ready)
                {
                    continue;
                }

                try
                {
                    await RecoverGoneSourcesAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look: replays every source that looked gone on the previous look too.</summary>
    public async Task RecoverGoneSourcesAsync(CancellationToken cancellationToken = default)
    {
        var sources = await _outbox!.SourcesAsync(cancellationToken);
        var gone = sources.Where(s => s != buffer.Source && IsGone(s)).ToHashSet(StringComparer.Ordinal);
        foreach (var source in gone.Where(_suspects.Contains))
        {
            await ReplayAsync(source, cancellationToken);
        }

        _suspects.Clear();
        _suspects.UnionWith(gone);
    }

    private bool IsGone(string source)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.FromParsableString(source);
        }
        catch (FormatException)
        {
            return false;
        }

        return membership.CurrentSnapshot.Members.TryGetValue(address, out var member)
            ? member.Status == SiloStatus.Dead
            : address.Generation < silo.SiloAddress.Generation;
    }

    private async Task ReplayAsync(string source, CancellationToken cancellationToken)
    {
        var after = 0L;
        var replayed = 0;
        while (true)
        {
            var records = await _outbox!.ReadAsync(source, after, options.Value.RecoveryBatch, cancellationToken);
            if (records.Count == 0)
            {
                break;
            }

            var keys = CatalogKeys.Of(replica);
            var perProduct = new Dictionary<string, List<ReplayedActivity>>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                IReadOnlyList<ActivityTouch> touches;
                try
                {
                    touches = ActivityRecordFormat.Read(record.Payload, keys);
                }
                catch (InvalidDataException error)
                {
                    LogUnreadable(error, source, record.Sequence);
                    continue;
                }

                var sums = new ActivitySums(replica.Options);
                foreach (var touch in touches)
                {
                    sums.Add(touch, record.Sequence);
                }

                foreach (var (productId, activity, _) in sums.Activities())
                {
                    if (!perProduct.TryGetValue(productId, out var list))
                    {
                        perProduct[productId] = list = [];
                    }

                    list.Add(new ReplayedActivity(record.Sequence, activity));
                }
            }

            var through = records[^1].Sequence;
            await Task.WhenAll(perProduct.Select(p =>
                grains.GetGrain<IProductGrain>(p.Key).RecoverActivityAsync(source, [.. p.Value], through)));
            after = through;
            replayed += records.Count;
            AisleMetrics.ActivityRecovered.Inc(records.Count);
        }

        await _outbox!.DeleteThroughAsync(source, after, cancellationToken);
        LogRecovered(replayed, source);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Records} product activity records left by silo {Source}")]
    private partial void LogRecovered(int records, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity record {Sequence} of {Source} cannot be read; skipped")]
    private partial void LogUnreadable(Exception error, string source, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for product activity left by gone silos failed; will look again")]
    private partial void LogFailed(Exception error);
}
