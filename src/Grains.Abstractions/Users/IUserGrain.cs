using Orleans.Concurrency;

namespace Aisle.Users;

/// <summary>A shopper's live behaviour profile (key: user id). Each event is applied at once: the next read sees it.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Applies events in order; a purchase first reserves stock and is refused when none is left.</summary>
    Task<IReadOnlyList<EventOutcome>> RecordAsync(IReadOnlyList<ShopperEvent> events);

    /// <summary>
    /// Notes a list the shopper was shown: recommendations so the next lists can demote what they ignore (kept in the
    /// activation's memory only: a lost record only means the next list is not demoted), and the experiment variant
    /// that ranked it (the shopper's first exposure to an experiment is stored). Fire and forget.
    /// </summary>
    [OneWay]
    Task RecordServedAsync(ServedList list);

    Task<UserProfile> GetProfileAsync();
}
