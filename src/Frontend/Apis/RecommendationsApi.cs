using Aisle.Recommendations;
using Aisle.Users;
using Microsoft.AspNetCore.Mvc;

namespace Aisle.Frontend.Apis;

public static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{id}/recommendations", RecommendAsync)
            .WithName("Recommendations")
            .WithTags("Recommendations")
            .WithSummary("Recommended for this shopper from their live profile; trending for a shopper with no history yet.")
            .Produces<ProductListResponse>()
            .ProducesValidationProblem();
        app.MapGet("/api/trending", TrendingAsync)
            .WithName("Trending")
            .WithTags("Recommendations")
            .WithSummary("Most popular in-stock products now, optionally within a category (e.g. Footwear > Men's Footwear).")
            .Produces<ProductListResponse>()
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> RecommendAsync(string id, [FromQuery] string? limit, IGrainFactory grains, TimeProvider clock)
    {
        var v = new RequestValidator();
        var userId = v.Id("id", id, required: true);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var result = await grains.GetGrain<IRecommendationGrain>(0).RecommendAsync(userId!, count);
        if (result.Items.Count > 0)
        {
            // Impressions are recorded here, where a list reaches a shopper, not in the grain: the offline evaluation
            // asks the grain directly and must rank the same however often it asks. One-way, so the answer never waits.
            grains.GetGrain<IUserGrain>(userId!).RecordShownAsync(result.Items.Select(i => i.Id).ToArray(), clock.GetUtcNow()).Ignore();
        }

        return TypedResults.Ok(ProductListResponse.From(result));
    }

    public static async Task<IResult> TrendingAsync([FromQuery] string? category, [FromQuery] string? limit, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var categoryFilter = v.Text("category", category, RequestValidator.MaxQueryLength);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var result = await grains.GetGrain<IRecommendationGrain>(0).TrendingAsync(categoryFilter, count);
        return TypedResults.Ok(ProductListResponse.From(result));
    }
}
