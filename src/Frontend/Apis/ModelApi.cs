using Aisle.Frontend.Security;
using Aisle.Learning;

namespace Aisle.Frontend.Apis;

/// <summary>The learned model's training job, behind the admin API key: start a run now, and see how it stands.</summary>
public static class ModelApi
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(AdminApiKey.PathPrefix + "/model").WithTags("Admin");
        admin.MapPost("/train", StartAsync)
            .WithName("StartModelTraining")
            .WithSummary("Retrain the learned model from the stored behaviour now, in the background; published only if it scores at least as well on the held-back slice (needs X-Api-Key).")
            .Produces<ModelTrainingStatus>(StatusCodes.Status202Accepted);
        admin.MapGet("", StatusAsync)
            .WithName("ModelTrainingStatus")
            .WithSummary("The published model's version and the last training run (needs X-Api-Key).")
            .Produces<ModelTrainingStatus>();
        return app;
    }

    public static async Task<IResult> StartAsync(IGrainFactory grains) =>
        TypedResults.Accepted(AdminApiKey.PathPrefix + "/model", await grains.GetGrain<IModelTrainingGrain>(0).StartAsync());

    public static async Task<IResult> StatusAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IModelTrainingGrain>(0).StatusAsync());
}
