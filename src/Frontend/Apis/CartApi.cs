using Aisle.Frontend.Hosting;
using Aisle.Frontend.Application;
using Aisle.Shopping;
using Microsoft.AspNetCore.Mvc;

namespace Aisle.Frontend.Apis;

/// <summary>A shopper's cart and orders. Every error is a 4xx problem document.</summary>
public static class CartApi
{
    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users/{id}").WithTags("Cart").WithBodyLimit(BodyLimits.Cart);
        users.MapGet("/cart", GetAsync)
            .WithName("GetCart")
            .WithSummary("The shopper's cart with live names and prices.")
            .Produces<CartView>()
            .ProducesValidationProblem();
        users.MapGet("/cart/complete-the-look", CompleteTheLookAsync)
            .WithName("CartCompleteTheLook")
            .WithSummary("Products that go with what is in the cart, latest line first; an empty list for an empty cart.")
            .Produces<ProductListResponse>()
            .ProducesValidationProblem();
        users.MapPost("/cart/items", AddAsync)
            .WithName("AddToCart")
            .WithSummary("Add units of a product (1–99); records an add_to_cart event. 409 when sold out or not enough left.")
            .Produces<CartView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPut("/cart/items/{productId}", SetAsync)
            .WithName("SetCartQuantity")
            .WithSummary("Set a line's quantity (1–99).")
            .Produces<CartView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/cart/items/{productId}", RemoveAsync)
            .WithName("RemoveFromCart")
            .WithSummary("Remove a line.")
            .Produces<CartView>()
            .ProducesValidationProblem();
        users.MapPost("/orders", CheckoutAsync)
            .WithName("Checkout")
            .WithSummary("Buy the cart under an order id (idempotent: the same id buys once). 409 when nothing could be bought.")
            .Produces<CheckoutResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapGet("/orders", OrdersAsync)
            .WithName("Orders")
            .WithSummary("The shopper's last 50 orders, newest first.")
            .Produces<IReadOnlyList<Order>>()
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> GetAsync(string id, ShoppingCart cart) =>
        (await cart.GetAsync(id)).ToResult(TypedResults.Ok);

    public static async Task<IResult> CompleteTheLookAsync(string id, [FromQuery] string? limit, ProductLists lists, HttpContext http) =>
        (await lists.CartCompleteTheLookAsync(id, limit)).ToResult(served => ProductListResponse.Ok(http, served));

    public static async Task<IResult> AddAsync(string id, CartItemRequest? body, ShoppingCart cart) =>
        (await cart.AddAsync(id, body?.ProductId, body?.Quantity, body?.RequestId)).ToResult(TypedResults.Ok);

    public static async Task<IResult> SetAsync(string id, string productId, CartQuantityRequest? body, ShoppingCart cart) =>
        (await cart.SetQuantityAsync(id, productId, body?.Quantity)).ToResult(TypedResults.Ok);

    public static async Task<IResult> RemoveAsync(string id, string productId, ShoppingCart cart) =>
        (await cart.RemoveAsync(id, productId)).ToResult(TypedResults.Ok);

    public static async Task<IResult> CheckoutAsync(string id, CheckoutRequest? body, ShoppingCart cart) =>
        (await cart.CheckoutAsync(id, body?.OrderId)).ToResult(TypedResults.Ok);

    public static async Task<IResult> OrdersAsync(string id, ShoppingCart cart) =>
        (await cart.GetOrdersAsync(id)).ToResult(TypedResults.Ok);
}
