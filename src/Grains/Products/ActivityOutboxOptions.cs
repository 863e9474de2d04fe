namespace Aisle.Products;

/// <summary>
/// How product activity is made durable (configuration section <c>Aisle:ActivityOutbox</c>): each shopper write
/// carries its activity into the storage's outbox, a silo deletes records once the products they touched have saved
/// them, and silos replay what a crashed silo left behind.
/// </summary>
public sealed class ActivityOutboxOptions
{
    public const string Section = "Aisle:ActivityOutbox";

    /// <summary>How often a silo has the products it delivered to save, then deletes the outbox records they hold.
    /// Shorter keeps a smaller outbox and less to replay after a crash, for more product writes.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo looks for the outbox of a silo that is gone. A source is replayed once it has looked
    /// gone on two looks in a row, so a silo that has just joined is never taken for a dead one.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Outbox records replayed per round trip while recovering.</summary>
    public int RecoveryBatch { get; set; } = 500;

    /// <summary>How long a silo that is shutting down spends delivering and confirming what it holds; what is left is
    /// replayed from its outbox by the silos that stay (or by the next start).</summary>
    public TimeSpan ShutdownBudget { get; set; } = TimeSpan.FromSeconds(5);
}
