namespace Aisle.Users;

/// <summary>A shopper's live behaviour profile (key: user id). Each event is applied at once: the next read sees it.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Applies events in order; a purchase first reserves stock and is refused when none is left.</summary>
    Task<IReadOnlyList<EventOutcome>> RecordAsync(IReadOnlyList<ShopperEvent> events);

    Task<UserProfile> GetProfileAsync();
}
