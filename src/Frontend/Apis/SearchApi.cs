using Aisle.Recommendations;
using Microsoft.AspNetCore.Mvc;

namespace Aisle.Frontend.Apis;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithName("Search")
            .WithTags("Search")
            .WithSummary("Hybrid product search: semantic + BM25, filtered, personalised when userId is given, every item explained.")
            .Produces<ProductListResponse>()
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> SearchAsync(
        [FromQuery] string? q, [FromQuery] string? category, [FromQuery] string? brand,
        [FromQuery] string? minPrice, [FromQuery] string? maxPrice, [FromQuery] string? inStock,
        [FromQuery] string? userId, [FromQuery] string? limit, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var query = v.Text("q", q, RequestValidator.MaxQueryLength);
        var categoryFilter = v.Text("category", category, RequestValidator.MaxQueryLength);
        var brandFilter = v.Text("brand", brand, RequestValidator.MaxQueryLength);
        var min = v.Price("minPrice", minPrice);
        var max = v.Price("maxPrice", maxPrice);
        var stockOnly = v.Flag("inStock", inStock) ?? false;
        var user = v.Id("userId", userId, required: false);
        var count = v.Limit(limit);
        if (min > max)
        {
            v.Fail("minPrice", "minPrice must not exceed maxPrice.");
        }

        if (query is null && categoryFilter is null && brandFilter is null && v.IsValid)
        {
            v.Fail("q", "Give a query (q) or at least a category or brand to browse.");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var request = new SearchRequest(query ?? "", categoryFilter, brandFilter, min, max, stockOnly, user, count);
        var result = await grains.GetGrain<IRecommendationGrain>(0).SearchAsync(request);
        return TypedResults.Ok(ProductListResponse.From(result));
    }
}
