using Aisle.Storage;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Aisle.Frontend.Hosting;

/// <summary>
/// Failures that mean "the service cannot answer this right now, try again shortly" rather than a bug: a silo that
/// died or is shutting down, a call that outlived its request's budget, grain state storage that cannot be reached.
/// The API answers them 503 problem+json with a <c>Retry-After</c>, and logs no stack trace for them.
/// </summary>
public static class UnavailableErrors
{
    /// <summary>What to answer for <paramref name="error"/>, or null when it is not a transient unavailability.</summary>
    public static (string Reason, string Title, string Detail, int RetryAfterSeconds)? Describe(Exception? error) => error switch
    {
        null => null,
        // Checked first and through inner exceptions: a storage failure can arrive wrapped by the grain call.
        _ when StorageUnavailableException.IsCause(error) =>
            ("storage", "Storage unavailable", "The database holding shoppers and products did not answer; nothing was changed. Try again shortly.", 2),
        TimeoutException =>
            ("timeout", "Cluster busy", "The cluster did not answer in time (a silo may be failing over); the request may or may not have been applied. Try again shortly.", 1),
        // A silo died or left with the call (SiloUnavailableException is one), or no gateway could take it.
        OrleansMessageRejectionException or ConnectionFailedException or Orleans.Networking.Shared.SocketConnectionException
            or GatewayTooBusyException or ClientNotAvailableException
            or Orleans.Runtime.MembershipService.OrleansClusterConnectivityCheckFailedException =>
            ("cluster", "Cluster unavailable", "No silo could take the request (one may be failing over). Try again shortly.", 1),
        // The grain's state changed underneath it (a failover raced a write); Orleans reloads it on the next call.
        InconsistentStateException =>
            ("conflict", "Conflict, retry", "The shopper or product was being moved between silos; nothing was changed. Try again.", 1),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
