using Aisle.Frontend.Application;
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
        [FromQuery] string? userId, [FromQuery] string? limit, ProductLists lists, HttpContext http)
    {
        var served = await lists.SearchAsync(new SearchInput(q, category, brand, minPrice, maxPrice, inStock, userId, limit));
        return served.ToResult(list => ProductListResponse.Ok(http, list));
    }
}
