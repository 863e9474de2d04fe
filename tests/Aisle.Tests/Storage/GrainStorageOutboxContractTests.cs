using Aisle.Storage;
using Orleans.Storage;

namespace Aisle.Tests.Storage;

/// <summary>The outbox half of the storage contract: a record is durable exactly when the write carrying it is.</summary>
public abstract partial class GrainStorageContractTests
{
    /// <summary>The outbox of an open storage (one source per test, so backends sharing a database stay isolated).</summary>
    protected virtual IOutboxLog OutboxOf(IGrainStorage storage) => (IOutboxLog)storage;

    private string Source { get; } = "source-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task OutboxRecordsArriveWithTheWritesCarryingThemInSequenceOrder()
    {
        var storage = await OpenAsync();
        foreach (var (grain, sequence) in new[] { ("o1", 2L), ("o2", 1L), ("o1", 3L) })
        {
            var state = new GrainState<ContractState>();
            await storage.ReadStateAsync(StateName, ProductId(grain), state);
            state.State = ContractState.For((int)sequence) with { Outbox = new OutboxRecord(Source, sequence, [(byte)sequence, 7]) };
            await storage.WriteStateAsync(StateName, ProductId(grain), state);
        }

        var records = await OutboxOf(storage).ReadAsync(Source, 0, 10);

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Sequence));
        Assert.All(records, r => Assert.Equal([(byte)r.Sequence, 7], r.Payload));
        Assert.Contains(Source, await OutboxOf(storage).SourcesAsync());
        Assert.Equal([3L], (await OutboxOf(storage).ReadAsync(Source, 2, 10)).Select(r => r.Sequence));
        Assert.Equal([1L], (await OutboxOf(storage).ReadAsync(Source, 0, 1)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task ARefusedWriteAppendsNoOutboxRecord()
    {
        var storage = await OpenAsync();
        await storage.WriteStateAsync(StateName, ProductId("taken"), new GrainState<ContractState>(ContractState.For(1)));

        // A second writer that believes the state absent: its write is refused, and so is its record.
        var stale = new GrainState<ContractState>(ContractState.For(2) with { Outbox = new OutboxRecord(Source, 1, [1]) });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, ProductId("taken"), stale));

        Assert.Empty(await OutboxOf(storage).ReadAsync(Source, 0, 10));
        Assert.DoesNotContain(Source, await OutboxOf(storage).SourcesAsync());
    }

    [Fact]
    public async Task DeletingThroughASequenceKeepsTheLaterRecordsAndSurvivesAReopen()
    {
        var storage = await OpenAsync();
        for (var sequence = 1L; sequence <= 3; sequence++)
        {
            var state = new GrainState<ContractState>(ContractState.For(1) with { Outbox = new OutboxRecord(Source, sequence, [9]) });
            await storage.WriteStateAsync(StateName, ProductId("d" + sequence), state);
        }

        await OutboxOf(storage).DeleteThroughAsync(Source, 2);
        await CloseAsync(storage);
        var reopened = await OpenAsync();

        Assert.Equal([3L], (await OutboxOf(reopened).ReadAsync(Source, 0, 10)).Select(r => r.Sequence));
        await OutboxOf(reopened).DeleteThroughAsync(Source, 3);
        Assert.DoesNotContain(Source, await OutboxOf(reopened).SourcesAsync());
    }
}
