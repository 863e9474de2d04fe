using Aisle.Catalog;
using Aisle.Llm;
using Aisle.Query;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Microsoft.Extensions.AI;

namespace Aisle.Tests.Ranking;

/// <summary>
/// A category or brand read from the words filters only when the understanding is certain of it; a guess boosts, so it
/// can neither empty the page nor hide the obvious matches. Proposed products join as a source of their own.
/// </summary>
public sealed class GuessedFiltersTests
{
    [Fact]
    public async Task AGuessedCategoryBoostsWithoutHidingMatchesElsewhere()
    {
        var search = await SearchAsync(new ParsedQuery("steel bowl", "steel bowl", null, null, null, "Kitchen", Gender.None, []));

        Assert.Contains(search.Items, i => i.Category.StartsWith("Pet Supplies", StringComparison.Ordinal));
        Assert.StartsWith("Kitchen", search.Items[0].Category, StringComparison.Ordinal);
        Assert.Null(search.Understood!.Category);
    }

    [Fact]
    public async Task ACertainCategoryFilters()
    {
        var search = await SearchAsync(new ParsedQuery("steel bowl", "steel bowl", null, null, null, "Kitchen", Gender.None, []) { CategoryCertain = true });

        Assert.NotEmpty(search.Items);
        Assert.All(search.Items, i => Assert.StartsWith("Kitchen", i.Category, StringComparison.Ordinal));
        Assert.Equal("Kitchen", search.Understood!.Category);
    }

    [Fact]
    public async Task ACertainGuessThatWouldEmptyThePageOnlyBoosts()
    {
        // A brand no product has: as a filter it would leave nothing.
        var search = await SearchAsync(new ParsedQuery("steel bowl", "steel bowl", null, null, "Nobody", null, Gender.None, []) { BrandCertain = true });

        Assert.NotEmpty(search.Items);
        Assert.Null(search.Understood!.Brand);
    }

    [Fact]
    public async Task AGuessedBrandBoostsItsProductsFirst()
    {
        var search = await SearchAsync(new ParsedQuery("bowl", "bowl", null, null, "Pawsome", null, Gender.None, []));

        Assert.Equal("Pawsome", search.Items[0].Brand);
        Assert.Contains(search.Items, i => i.Brand != "Pawsome");
    }

    [Fact]
    public async Task ProposedProductsForANeedAreFusedAndExplained()
    {
        var parsed = new ParsedQuery("things for a new puppy", "things for a new puppy", null, null, null, null, Gender.None, [])
        {
            NamesNeed = true,
            Proposals = [new ProposedProducts("dog bowl", "dog bowl"), new ProposedProducts("dog collar", "collar leash")],
        };

        var search = await SearchAsync(parsed);

        var suggested = search.Items.Where(i => i.Sources.Contains(Explainer.Suggested)).ToArray();
        Assert.NotEmpty(suggested);
        Assert.All(suggested.Where(i => i.Name.StartsWith("Dog Collar", StringComparison.Ordinal)),
            i => Assert.Contains("Suggested for \"things for a new puppy\": dog collar", i.Reasons));
        Assert.Contains(suggested, i => i.Name.StartsWith("Steel Dog Bowl", StringComparison.Ordinal)
            && i.Reasons.Contains("Suggested for \"things for a new puppy\": dog bowl"));
        // The words alone are as far from watches as from dog bowls; the proposals put the pet products first.
        Assert.All(search.Items.Take(5), i => Assert.Contains(Explainer.Suggested, i.Sources));
    }

    private static Task<RankedList> SearchAsync(ParsedQuery understood) => SmallCatalog.SearchAsync(SmallCatalog.KitchenPetsWatches(), understood);
}
