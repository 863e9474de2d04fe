using Aisle.Experiments;
using Aisle.Observability;
using Aisle.Recommendations;
using Aisle.Shopping;
using Aisle.Users;

namespace Aisle.Frontend.Application;

/// <summary>
/// Every product list a shopper is shown — search, similar items, recommendations, trending, complete the look — for the JSON API and the
/// storefront pages alike: validates the input, picks the ranking profile (the shopper's experiment variant or the
/// default), asks the read path, and records what was served (impressions, the shopper's exposure, what the next
/// recommendations should demote).
/// </summary>
public sealed class ProductLists(IGrainFactory grains, IListReader read, ExperimentRouter experiments, TimeProvider clock)
{
    public async Task<Outcome<ServedProducts>> SearchAsync(SearchInput input)
    {
        var v = new RequestValidator();
        var query = v.Text("q", input.Q, RequestValidator.MaxQueryLength);
        var category = v.Text("category", input.Category, RequestValidator.MaxQueryLength);
        var brand = v.Text("brand", input.Brand, RequestValidator.MaxQueryLength);
        var min = v.Price("minPrice", input.MinPrice);
        var max = v.Price("maxPrice", input.MaxPrice);
        var inStock = v.Flag("inStock", input.InStock) ?? false;
        var userId = v.Id("userId", input.UserId, required: false);
        var limit = v.Limit(input.Limit);
        if (min > max)
        {
            v.Fail("minPrice", "minPrice must not exceed maxPrice.");
        }

        if (query is null && category is null && brand is null && v.IsValid)
        {
            v.Fail("q", "Give a query (q) or at least a category or brand to browse.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var (profile, exposure) = experiments.Route(ExperimentSurface.Search, userId);
        var list = await read.SearchAsync(new SearchRequest(query ?? "", category, brand, min, max, inStock, userId, limit), profile);
        return Served(list, ExperimentSurface.Search, userId, exposure);
    }

    public async Task<Outcome<ServedProducts>> SimilarAsync(string? productId, string? userId, string? limit)
    {
        var v = new RequestValidator();
        var id = v.Id("id", productId, required: true);
        var user = v.Id("userId", userId, required: false);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var (profile, exposure) = experiments.Route(ExperimentSurface.Similar, user);
        var list = await read.SimilarAsync(id!, user, count, profile);
        return list is null ? AppProblem.NotFound("product", id!) : Served(list, ExperimentSurface.Similar, user, exposure);
    }

    public async Task<Outcome<ServedProducts>> RecommendAsync(string? userId, string? limit)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var (profile, exposure) = experiments.Route(ExperimentSurface.Recommendations, user);
        var list = await read.RecommendAsync(user!, count, profile);
        return Served(list, ExperimentSurface.Recommendations, user, exposure);
    }

    public async Task<Outcome<ServedProducts>> TrendingAsync(string? category, string? limit)
    {
        var v = new RequestValidator();
        var filter = v.Text("category", category, RequestValidator.MaxQueryLength);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return Unrouted(await read.TrendingAsync(filter, count), "trending");
    }

    /// <summary>Products that go with one product; 404 when the product is unknown.</summary>
    public async Task<Outcome<ServedProducts>> CompleteTheLookAsync(string? productId, string? userId, string? limit)
    {
        var v = new RequestValidator();
        var id = v.Id("id", productId, required: true);
        var user = v.Id("userId", userId, required: false);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var list = await read.CompleteTheLookAsync([id!], user, count, experiments.Defaults);
        return list is null ? AppProblem.NotFound("product", id!) : Unrouted(list, CompleteTheLook);
    }

    /// <summary>Products that go with what is in the shopper's cart, latest line first; empty for an empty cart.</summary>
    public async Task<Outcome<ServedProducts>> CartCompleteTheLookAsync(string? userId, string? limit)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var cart = await grains.GetGrain<ICartGrain>(user!).GetAsync();
        var ids = cart.Lines.OrderByDescending(l => l.AddedAt).Select(l => l.ProductId).ToArray();
        // A cart whose products all left the catalog has nothing to go with: an empty list, not a 404.
        var list = ids.Length == 0 ? null : await read.CompleteTheLookAsync(ids, user, count, experiments.Defaults);
        return Unrouted(list ?? new RankedList([]), CompleteTheLook);
    }

    private const string CompleteTheLook = "complete_the_look";

    /// <summary>A list no experiment ranks: counted as shown, with a request id for attribution and no exposure.</summary>
    private ServedProducts Unrouted(RankedList list, string surface)
    {
        AisleMetrics.Shown(surface, null, list.Items.Count);
        return new ServedProducts(list, RequestIds.New(null, clock.GetUtcNow()), null);
    }

    private ServedProducts Served(RankedList list, ExperimentSurface surface, string? userId, Exposure? exposure)
    {
        var now = clock.GetUtcNow();
        var requestId = RequestIds.New(exposure, now);
        AisleMetrics.Shown(SurfaceLabel(surface), exposure, list.Items.Count);
        if (userId is not null && (exposure is not null || surface == ExperimentSurface.Recommendations) && list.Items.Count > 0)
        {
            // Recorded here, where a list reaches a shopper, not in the read path: the offline evaluation asks the read
            // path directly and must rank the same however often it asks. One-way, so the answer never waits.
            var ids = list.Items.Select(i => i.Id).ToArray();
            grains.GetGrain<IUserGrain>(userId).RecordServedAsync(new ServedList(requestId, surface, ids, now, exposure)).Ignore();
        }

        return new ServedProducts(list, requestId, exposure);
    }

    private static string SurfaceLabel(ExperimentSurface surface) => surface switch
    {
        ExperimentSurface.Search => "search",
        ExperimentSurface.Similar => "similar",
        _ => "recommend",
    };
}
