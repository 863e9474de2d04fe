using Aisle.Frontend.Application;
using Aisle.Recommendations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Aisle.Frontend.Storefront;

/// <summary>
/// Around every page handler: resolves the shopper (issuing the cookie before anything is written), and while the
/// catalog loads answers the "Catalog loading" page with 503 and Retry-After instead of running the handler (or
/// instead of its failure, when the catalog was not ready after all).
/// </summary>
public sealed class StorefrontPageFilter(CatalogQueries catalog, IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public const string RetryAfterSeconds = "5";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ShopperIdentity.Current(context.HttpContext);
        var status = await catalog.GetStatusAsync();
        if (!status.Ready)
        {
            context.Result = Loading(context.HttpContext, status.Stage, context.ModelState);
            return;
        }

        var executed = await next();
        if (executed.Exception is { } error && !executed.ExceptionHandled && Unwrap(error) is CatalogNotReadyException notReady)
        {
            executed.Result = Loading(context.HttpContext, notReady.Message, context.ModelState);
            executed.ExceptionHandled = true;
        }
    }

    private ViewResult Loading(HttpContext http, string stage, ModelStateDictionary modelState)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return new ViewResult
        {
            ViewName = "CatalogLoading",
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ViewData = new ViewDataDictionary(metadata, modelState) { ["Title"] = "Catalog loading", ["Stage"] = stage },
        };
    }

    private static Exception Unwrap(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
}
