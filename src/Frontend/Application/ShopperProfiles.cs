using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Frontend.Application;

/// <summary>What the storefront shows from a shopper's live profile.</summary>
public sealed class ShopperProfiles(IGrainFactory grains, CatalogQueries catalog)
{
    public const int DefaultRecent = 10;

    /// <summary>The products the shopper touched most recently (viewed, clicked, added, bought), newest first, once each.</summary>
    public async Task<Outcome<IReadOnlyList<RankedItem>>> RecentlyViewedAsync(string? userId, int limit = DefaultRecent)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var profile = await grains.GetGrain<IUserGrain>(user!).GetProfileAsync();
        var ids = profile.Recent.Select(r => r.ProductId).Distinct(StringComparer.Ordinal).Take(Math.Clamp(limit, 1, RequestValidator.MaxLimit)).ToArray();
        return new Outcome<IReadOnlyList<RankedItem>>(await catalog.GetItemsAsync(ids), null);
    }
}
