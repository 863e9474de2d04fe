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
    private const int Dimensions = 16;

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

    private static async Task<RankedList> SearchAsync(ParsedQuery understood)
    {
        Product Item(string id, string name, string brand, params string[] category) => new(id, "s" + id, name, brand, category, 300m, 400m, 4, null, 5);
        var products = new List<Product>();
        for (var i = 0; i < 6; i++)
        {
            products.Add(Item($"k{i}", $"Steel Bowl Set {i}", "Cookwell", "Kitchen", "Bowls"));
            products.Add(Item($"d{i}", $"Steel Dog Bowl {i}", i < 2 ? "Pawsome" : "Petly", "Pet Supplies", "Dogs"));
            products.Add(Item($"c{i}", $"Dog Collar and Leash {i}", "Petly", "Pet Supplies", "Dogs"));
            products.Add(Item($"w{i}", $"Analog Watch {i}", "Timely", "Watches", "Wrist Watches"));
        }

        var generator = new WordHashEmbeddings();
        var vectors = (await generator.GenerateAsync(products.Select(p => p.Name))).Select(e => e.Vector.ToArray()).ToArray();
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, vectors);
        replica.MarkReady();
        var index = new EmbeddedVectorIndex(Dimensions);
        await index.UpsertAsync(products.Select((p, row) => new VectorDocument(p.Id, vectors[row],
            new VectorMetadata(p.Category, p.Brand, replica.Price(row), true))).ToArray());
        var indexes = new CatalogIndexes();
        indexes.Install(new LexicalIndex(products), new QueryUnderstanding(CatalogDictionary.Build(products)), new Fixed(understood));
        var recommender = new Recommender(replica, indexes, index, new QueryEmbedder(generator), TimeProvider.System);
        return await recommender.SearchAsync(new SearchRequest(understood.Original, null, null, null, null, false, null, 20), null);
    }

    private sealed class Fixed(ParsedQuery parsed) : IQueryUnderstanding
    {
        public ValueTask<ParsedQuery> UnderstandAsync(string? query, CancellationToken cancellationToken) => new(parsed);
    }

    /// <summary>Each word lights one dimension: texts sharing words are close, as a real embedding would place them.</summary>
    private sealed class WordHashEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var text in values)
            {
                var vector = new float[Dimensions];
                foreach (var word in QueryTokens.Split(text))
                {
                    vector[(int)((uint)StringComparer.Ordinal.GetHashCode(word) % Dimensions)] += 1;
                }

                var norm = MathF.Sqrt(vector.Sum(v => v * v));
                result.Add(new Embedding<float>(vector.Select(v => norm > 0 ? v / norm : 1f / MathF.Sqrt(Dimensions)).ToArray()));
            }

            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
