using Aisle.Recommendations;
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
        return app;
    }

    public static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var productId = v.Id("id", id, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var details = await grains.GetGrain<IRecommendationGrain>(0).GetProductAsync(productId!);
        return details is null ? NotFound(id) : TypedResults.Ok(details);
    }

    public static async Task<IResult> SimilarAsync(string id, [FromQuery] string? userId, [FromQuery] string? limit, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var productId = v.Id("id", id, required: true);
        var user = v.Id("userId", userId, required: false);
        var count = v.Limit(limit);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var result = await grains.GetGrain<IRecommendationGrain>(0).SimilarAsync(productId!, user, count);
        return result is null ? NotFound(id) : TypedResults.Ok(ProductListResponse.From(result));
    }

    public static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown product", detail: $"No product has id '{id}'.");
}
