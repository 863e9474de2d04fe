namespace Aisle.Storage;

/// <summary>
/// The grain state database could not be reached (down, restarting, unreachable, or too slow to answer): nothing was
/// read or written. The API answers 503 with a <c>Retry-After</c>; reads that can do without the state (a shopper's
/// profile for recommendations) answer without it.
/// </summary>
/// <remarks>Its own type, serialized across silos and clients, so callers can tell "try again shortly" from a bug
/// without knowing the database driver's exceptions.</remarks>
[GenerateSerializer]
public sealed class StorageUnavailableException(string message) : Exception(message)
{
    /// <summary>True when <paramref name="error"/> or one of its inner exceptions is a <see cref="StorageUnavailableException"/>.</summary>
    public static bool IsCause(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsCause))
            {
                return true;
            }
        }

        return false;
    }
}
