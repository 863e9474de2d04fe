using Aisle.Catalog;
using Aisle.Learning;
using Aisle.Llm;
using Aisle.Query;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Microsoft.Extensions.AI;

namespace Aisle.Tests.Ranking;

/// <summary>
/// A catalog of a few dozen products with word-hash embeddings, behind the real <see cref="Recommender"/>: for tests of
/// what a pipeline does with an understanding or a proposal, without the 20k catalog or the embedding model.
/// </summary>
public static class SmallCatalog
{
    public const int Dimensions = 16;

    public static Product Item(string id, string name, string brand, params string[] category) =>
        new(id, "s" + id, name, brand, category, 300m, 400m, 4, null, 5);

    /// <summary>Kitchen bowls, dog bowls, dog collars and watches: six of each.</summary>
    public static List<Product> KitchenPetsWatches()
    {
        var products = new List<Product>();
        for (var i = 0; i < 6; i++)
        {
            products.Add(Item($"k{i}", $"Steel Bowl Set {i}", "Cookwell", "Kitchen", "Bowls"));
            products.Add(Item($"d{i}", $"Steel Dog Bowl {i}", i < 2 ? "Pawsome" : "Petly", "Pet Supplies", "Dogs"));
            products.Add(Item($"c{i}", $"Dog Collar and Leash {i}", "Petly", "Pet Supplies", "Dogs"));
            products.Add(Item($"w{i}", $"Analog Watch {i}", "Timely", "Watches", "Wrist Watches"));
        }

        return products;
    }

    /// <summary>Searches <paramref name="products"/> for <paramref name="understood"/>'s original text, understood as given.</summary>
    public static async Task<RankedList> SearchAsync(IReadOnlyList<Product> products, ParsedQuery understood)
    {
        var (recommender, _) = await BuildAsync(products, new Fixed(understood));
        return await recommender.SearchAsync(new SearchRequest(understood.Original, null, null, null, null, false, null, 20), null);
    }

    /// <summary>The real read pipelines over <paramref name="products"/>, and the replica they read.</summary>
    public static async Task<(Recommender Recommender, CatalogReplica Replica)> BuildAsync(
        IReadOnlyList<Product> products, IQueryUnderstanding? understanding = null, IComplementProposals? complements = null, ModelSlot? model = null)
    {
        var generator = new WordHashEmbeddings();
        var vectors = (await generator.GenerateAsync(products.Select(p => p.Name))).Select(e => e.Vector.ToArray()).ToArray();
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, vectors);
        replica.MarkReady();
        var index = new EmbeddedVectorIndex(Dimensions);
        await index.UpsertAsync(products.Select((p, row) => new VectorDocument(p.Id, vectors[row],
            new VectorMetadata(p.Category, p.Brand, replica.Price(row), true))).ToArray());
        var rules = new QueryUnderstanding(CatalogDictionary.Build(products));
        var indexes = new CatalogIndexes();
        indexes.Install(new LexicalIndex(products), rules, understanding ?? rules);
        return (new Recommender(replica, indexes, index, new QueryEmbedder(generator), TimeProvider.System, complements: complements, model: model), replica);
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
