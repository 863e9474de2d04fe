using Aisle.Frontend.Application;
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

    public static async Task<IResult> RecommendAsync(string id, [FromQuery] string? limit, ProductLists lists, HttpContext http) =>
        (await lists.RecommendAsync(id, limit)).ToResult(served => ProductListResponse.Ok(http, served));

    public static async Task<IResult> TrendingAsync([FromQuery] string? category, [FromQuery] string? limit, ProductLists lists, HttpContext http) =>
        (await lists.TrendingAsync(category, limit)).ToResult(served => ProductListResponse.Ok(http, served));
}
