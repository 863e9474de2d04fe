using System.Globalization;
using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Aisle.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages;

/// <summary>
/// Search: the top 100 results for the shopper, 20 a page, with facets computed from those 100 and chips for the
/// filters applied and what the query was understood as. An empty query is a friendly prompt; invalid parameters are
/// listed on the page with status 400.
/// </summary>
public sealed class SearchModel(ProductLists lists, ShopperEvents events, ILogger<SearchModel> log) : PageModel
{
    public const int PageSize = 20;
    public const string ResultLimit = "100";

    public SearchParams Params { get; private set; } = new(null, null, null, null, null, null);

    public ServedProducts? Served { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public ProductListSection Results { get; private set; } = null!;

    public IReadOnlyList<FacetGroup> Facets { get; private set; } = [];

    public IReadOnlyList<SearchChip> Chips { get; private set; } = [];

    public int PageCount { get; private set; }

    public async Task OnGetAsync(
        [FromQuery] string? q, [FromQuery] string? category, [FromQuery] string? brand, [FromQuery] string? minPrice,
        [FromQuery] string? maxPrice, [FromQuery] string? inStock, [FromQuery] string? page)
    {
        var errors = new List<string>();
        var pageNumber = 1;
        if (!string.IsNullOrEmpty(page)
            && (!int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > MaxPages))
        {
            errors.Add($"page must be a whole number from 1 to {MaxPages}.");
            pageNumber = 1;
        }

        Params = new SearchParams(Blank(q), Blank(category), Blank(brand), Blank(minPrice), Blank(maxPrice), Blank(inStock), pageNumber);
        if (Params.Q is null && Params.Category is null && Params.Brand is null && errors.Count == 0)
        {
            return; // nothing asked yet: the prompt, not an error
        }

        var shopper = ShopperIdentity.Current(HttpContext);
        var outcome = await lists.SearchAsync(new SearchInput(Params.Q, Params.Category, Params.Brand, Params.MinPrice, Params.MaxPrice,
            Params.InStock, shopper, ResultLimit));
        if (outcome.Problem is { } problem)
        {
            errors.InsertRange(0, problem.Errors?.Values.SelectMany(e => e) ?? [problem.Detail]);
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = outcome.Problem?.Status ?? StatusCodes.Status400BadRequest;
            return;
        }

        var served = outcome.Value!;
        Served = served;
        var items = served.Items;
        PageCount = (items.Count + PageSize - 1) / PageSize;
        var pageItems = items.Skip((pageNumber - 1) * PageSize).Take(PageSize).ToArray();
        var heading = items.Count == 0 ? "No results"
            : $"Results {(pageNumber - 1) * PageSize + 1}–{(pageNumber - 1) * PageSize + pageItems.Length} of {items.Count}";
        Results = new ProductListSection("results", heading, pageItems, served,
            pageNumber > 1 && PageCount > 0 ? "No results on this page." : "Nothing matched: try fewer words or remove a filter.");
        Facets = SearchFacets.Compute(Params, items);
        Chips = SearchFacets.Chips(Params, served.List.Understood);
        Display.ListHeaders(HttpContext, served);

        if (pageNumber == 1)
        {
            try
            {
                await events.RecordOneAsync(shopper, InteractionKind.Search, null,
                    query: Params.Q ?? Params.Brand ?? Params.Category, requestId: served.RequestId);
            }
            catch (Exception ex) when (ex is not Aisle.Recommendations.CatalogNotReadyException)
            {
                log.LogWarning(ex, "Could not record a search for {Shopper}", shopper);
            }
        }
    }

    private static int MaxPages => (int.Parse(ResultLimit, CultureInfo.InvariantCulture) + PageSize - 1) / PageSize;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
