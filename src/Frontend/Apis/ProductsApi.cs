using Aisle.Catalog;
using Aisle.Frontend.Application;
using Microsoft.AspNetCore.Mvc;

namespace Aisle.Frontend.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Products");
        products.MapGet("/{id}", GetAsync)
            .WithName("GetProduct")
            .WithSummary("One product with its live price, stock and popularity.")
            .Produces<ProductDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapGet("/{id}/similar", SimilarAsync)
            .WithName("SimilarProducts")
            .WithSummary("Products like this one and products seen with it; personalised when userId is given.")
            .Produces<ProductListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapGet("/{id}/complete-the-look", CompleteTheLookAsync)
            .WithName("CompleteTheLook")
            .WithSummary("Products that go with this one (the model's complementary kinds when one is configured, else what shoppers touched with it in other categories); personalised when userId is given.")
            .Produces<ProductListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<IResult> GetAsync(string id, CatalogQueries catalog) =>
        (await catalog.GetProductAsync(id)).ToResult(TypedResults.Ok);

    public static async Task<IResult> SimilarAsync(string id, [FromQuery] string? userId, [FromQuery] string? limit, ProductLists lists, HttpContext http) =>
        (await lists.SimilarAsync(id, userId, limit)).ToResult(served => ProductListResponse.Ok(http, served));

    public static async Task<IResult> CompleteTheLookAsync(string id, [FromQuery] string? userId, [FromQuery] string? limit, ProductLists lists, HttpContext http) =>
        (await lists.CompleteTheLookAsync(id, userId, limit)).ToResult(served => ProductListResponse.Ok(http, served));
}
