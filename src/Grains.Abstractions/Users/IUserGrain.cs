using Orleans.Concurrency;

namespace Aisle.Users;

/// <summary>A shopper's live behaviour profile (key: user id). Each event is applied at once: the next read sees it.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Applies events in order; a purchase first reserves stock and is refused when none is left.</summary>
    Task<IReadOnlyList<EventOutcome>> RecordAsync(IReadOnlyList<ShopperEvent> events);

    /// <summary>
    /// Notes that <paramref name="productIds"/> were shown to the shopper at <paramref name="at"/>, so the next lists
    /// can demote what they ignore. Kept in the activation's memory only, never written to storage: a lost record
    /// (restart, idle deactivation) only means the next list is not demoted. Fire and forget.
    /// </summary>
    [OneWay]
    Task RecordShownAsync(string[] productIds, DateTimeOffset at);

    Task<UserProfile> GetProfileAsync();
}
