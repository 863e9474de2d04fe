using Aisle.Frontend.Hosting;
using Aisle.Frontend.Application;
using Aisle.Frontend.Security;
using Aisle.Products;
using Aisle.Retrieval;

namespace Aisle.Frontend.Apis;

/// <summary>Merchandiser operations, behind the admin API key.</summary>
public static class AdminApi
{
    public sealed record PriceChange(decimal? Price);

    public sealed record StockChange(int? Stock);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(AdminApiKey.PathPrefix).WithTags("Admin").WithBodyLimit(BodyLimits.Admin);
        admin.MapPut("/products/{id}/price", SetPriceAsync)
            .WithName("SetPrice")
            .WithSummary("Set a product's selling price (needs X-Api-Key).")
            .Produces<ProductSnapshot>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/products/{id}/stock", SetStockAsync)
            .WithName("SetStock")
            .WithSummary("Set a product's stock level (needs X-Api-Key).")
            .Produces<ProductSnapshot>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/vectors/ingest", StartVectorIngestAsync)
            .WithName("StartVectorIngest")
            .WithSummary("Write the catalog to the AstraDB vector store: idempotent, resumable, in the background (needs X-Api-Key).")
            .Produces<VectorIngestStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/vectors/ingest", VectorIngestStatusAsync)
            .WithName("VectorIngestStatus")
            .WithSummary("Progress of the vector store ingest (needs X-Api-Key).")
            .Produces<VectorIngestStatus>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> StartVectorIngestAsync(IGrainFactory grains) =>
        IngestResult(await grains.GetGrain<IVectorIngestGrain>(IVectorIngestGrain.Key).StartAsync(), started: true);

    public static async Task<IResult> VectorIngestStatusAsync(IGrainFactory grains) =>
        IngestResult(await grains.GetGrain<IVectorIngestGrain>(IVectorIngestGrain.Key).StatusAsync(), started: false);

    private static IResult IngestResult(VectorIngestStatus status, bool started) => status.State switch
    {
        VectorIngestStatus.NotConfigured => new AppProblem(StatusCodes.Status409Conflict, "No vector store to ingest into",
            "Aisle:Vectors:Store is Embedded: each silo builds its index from the catalog at start. Set it to AstraDb to use a shared store.").ToResult(),
        _ when started => TypedResults.Accepted(AdminApiKey.PathPrefix + "/vectors/ingest", status),
        _ => TypedResults.Ok(status),
    };

    public static async Task<IResult> SetPriceAsync(string id, PriceChange change, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var productId = v.Id("id", id, required: true);
        if (change.Price is not > 0 or > 100_000_000m)
        {
            v.Fail("price", "price must be a positive amount up to 100,000,000.");
        }

        if (!v.IsValid)
        {
            return v.Problem().ToResult();
        }

        var snapshot = await grains.GetGrain<IProductGrain>(productId!).SetPriceAsync(change.Price!.Value);
        return snapshot is null ? AppProblem.NotFound("product", id).ToResult() : TypedResults.Ok(snapshot);
    }

    public static async Task<IResult> SetStockAsync(string id, StockChange change, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var productId = v.Id("id", id, required: true);
        if (change.Stock is not >= 0 or > 10_000_000)
        {
            v.Fail("stock", "stock must be a whole number from 0 to 10,000,000.");
        }

        if (!v.IsValid)
        {
            return v.Problem().ToResult();
        }

        var snapshot = await grains.GetGrain<IProductGrain>(productId!).SetStockAsync(change.Stock!.Value);
        return snapshot is null ? AppProblem.NotFound("product", id).ToResult() : TypedResults.Ok(snapshot);
    }
}
