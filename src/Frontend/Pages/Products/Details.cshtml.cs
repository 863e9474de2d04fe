using Aisle.Catalog;
using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Aisle.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages.Products;

/// <summary>One product: price, stock, add to cart, similar items (the page's main list), what goes with it ("complete the
/// look") and items seen together.
/// Records a view, and a click attributed to the list of <c>rid</c> when the shopper came from one.</summary>
public sealed class DetailsModel(CatalogQueries catalog, ProductLists lists, ShopperEvents events, ShoppingCart cart,
    ILogger<DetailsModel> log) : PageModel
{
    public const string ListSize = "8";

    [FromRoute]
    public string Id { get; set; } = "";

    [FromQuery(Name = "rid")]
    public string? Rid { get; set; }

    public ProductDetails? Product { get; private set; }

    public string? NotFoundMessage { get; private set; }

    public string? Error { get; private set; }

    public int? Quantity { get; private set; }

    public ProductListSection Similar { get; private set; } = null!;

    public ProductListSection CompleteTheLook { get; private set; } = null!;

    public ProductListSection SeenTogether { get; private set; } = null!;

    /// <summary>The product's other colours and designs (its family): lists show one member, this page the rest.</summary>
    public ProductListSection Variants { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        // An id no list could have issued is ignored rather than carried into the cart form.
        Rid = string.IsNullOrWhiteSpace(Rid) || Rid.Length > RequestValidator.MaxIdLength ? null : Rid;
        if (!await LoadAsync())
        {
            return Page();
        }

        await RecordAsync(ShopperIdentity.Current(HttpContext));
        return Page();
    }

    /// <summary>Add to cart: to the cart page on success, else this page with the reason (409, 400 or 404).</summary>
    public async Task<IActionResult> OnPostAsync([FromForm] string? quantity, [FromForm(Name = "rid")] string? rid)
    {
        var shopper = ShopperIdentity.Current(HttpContext);
        // Not a number: 0, which the application layer refuses with its quantity message.
        var count = int.TryParse(quantity, out var parsed) ? parsed : 0;
        var outcome = (await cart.AddAsync(shopper, Id, count, string.IsNullOrWhiteSpace(rid) ? null : rid)).Problem;
        if (outcome is null)
        {
            return Redirect("/cart?added=" + Uri.EscapeDataString(Id));
        }

        Rid = rid;
        Quantity = count;
        Error = outcome.Detail;
        await LoadAsync();
        Response.StatusCode = outcome.Status;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var product = await catalog.GetProductAsync(Id);
        if (product.Problem is { } problem)
        {
            NotFoundMessage = problem.Status == StatusCodes.Status404NotFound ? $"No product has id '{Id}'." : problem.Detail;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        Product = product.Value!;
        var shopper = ShopperIdentity.Current(HttpContext);
        var similarTask = lists.SimilarAsync(Id, shopper, ListSize);
        var goesWithTask = lists.CompleteTheLookAsync(Id, shopper, ListSize);
        var neighboursTask = catalog.GetItemsAsync(Product.Neighbours.Take(int.Parse(ListSize)).ToArray());
        var similar = await similarTask;
        var goesWith = await goesWithTask;
        var neighbours = await neighboursTask;
        Similar = new ProductListSection("similar", "Similar items", similar.Value?.Items ?? [], similar.Value,
            "No similar items found.", Error: similar.Problem?.Detail);
        CompleteTheLook = new ProductListSection("complete-the-look", "Complete the look", goesWith.Value?.Items ?? [], goesWith.Value,
            "Nothing to suggest with this product yet.", Error: goesWith.Problem?.Detail);
        SeenTogether = new ProductListSection("seen-together", "Seen together", neighbours, null,
            "Nothing has been seen together with this product yet.", LinkRequestId: false);
        var more = Product.SiblingCount - Product.Siblings.Count;
        Variants = new ProductListSection("variants", more > 0 ? $"Other variants ({Product.SiblingCount}, first {Product.Siblings.Count} shown)" : "Other variants",
            Product.Siblings, null, "This product comes in one variant only.", LinkRequestId: false);
        Display.ListHeaders(HttpContext, similar.Value);
        return true;
    }

    /// <summary>The view, and the click on the list the shopper came from: best effort, a page never fails because its
    /// own behaviour could not be noted.</summary>
    private async Task RecordAsync(string shopper)
    {
        PageEvent[] page = Rid is null
            ? [new PageEvent(InteractionKind.View, Id)]
            : [new PageEvent(InteractionKind.View, Id), new PageEvent(InteractionKind.Click, Id, RequestId: Rid)];
        try
        {
            await events.RecordPageAsync(shopper, page);
        }
        catch (Exception ex) when (ex is not Aisle.Recommendations.CatalogNotReadyException)
        {
            log.LogWarning(ex, "Could not record the view of {ProductId} for {Shopper}", Id, shopper);
        }
    }
}
