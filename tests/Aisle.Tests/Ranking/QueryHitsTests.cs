using Aisle.Catalog;
using Aisle.Products;
using Aisle.Query;
using Aisle.Ranking;
using Aisle.Ranking.Candidates;
using Aisle.Retrieval;

namespace Aisle.Tests.Ranking;

/// <summary>A search's hits kept per query text answer exactly what the filtered vector scan and the filtered BM25
/// search answer, for every filter, also when a narrow filter makes the kept list run out and after a price change.</summary>
public sealed class QueryHitsTests
{
    private const int Products = 2_000;
    private const int Dimensions = 16;
    private static readonly string[] Words = ["red", "blue", "cotton", "silk", "shirt", "kurta", "watch", "analog", "shoes", "running", "men", "women"];
    private static readonly string[] Categories = ["Clothing > Men", "Clothing > Women", "Watches", "Footwear"];
    private static readonly string[] Brands = ["Acme", "Zeta", "Nova"];

    public static TheoryData<string, double?, double?, bool, string?, Gender> Filters => new()
    {
        { "", null, null, false, null, Gender.None },
        { "", 100, 400, false, null, Gender.None },
        { "", null, null, true, null, Gender.None },
        { "Watches", null, null, true, null, Gender.None },
        { "Clothing", 0, 150, true, "Nova", Gender.None },
        // Narrow: few products pass, so the kept 300 run out and the filtered retrieval must answer.
        { "Footwear", 990, 1000, false, "Zeta", Gender.None },
        { "", null, null, false, null, Gender.Women },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Answers_what_the_filtered_searches_answer(string category, double? min, double? max, bool inStock, string? brand, Gender gender)
    {
        var random = new Random(category.Length * 31 + (int)(max ?? 7));
        var (replica, indexes, index) = await CatalogAsync(random);
        var hits = new QueryHits(replica, indexes, new ContentCandidates(replica, index));
        var filter = new ProductFilter(category.Length == 0 ? null : category, brand, min, max, inStock, gender);
        for (var trial = 0; trial < 15; trial++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 2).Select(_ => Words[random.Next(Words.Length)]));
            var query = Vector(random);
            var k = new[] { 10, 50, 100 }[trial % 3];

            // Asked twice: the first read fills the kept list, the second answers from it.
            for (var read = 0; read < 2; read++)
            {
                Assert.Equal(await ExpectedVectorAsync(replica, index, query, filter, k), await hits.VectorAsync(text, query, filter, k, default));
                Assert.Equal(ExpectedLexical(replica, indexes, text, filter, k), await hits.LexicalAsync(text, filter, k, default));
            }
        }
    }

    [Fact]
    public async Task A_price_change_after_the_first_read_is_seen_by_the_next()
    {
        var random = new Random(5);
        var (replica, indexes, index) = await CatalogAsync(random);
        var hits = new QueryHits(replica, indexes, new ContentCandidates(replica, index));
        var query = Vector(random);
        var under = new ProductFilter(MaxPrice: 500);
        var before = await hits.VectorAsync("red shirt", query, under, 10, default);

        var first = replica.Product(before[0]);
        replica.Apply(new ProductSnapshot(first.Id, 900m, 5, 0, 0, 0, 0, [], DateTimeOffset.UtcNow, Version: 1));

        var after = await hits.VectorAsync("red shirt", query, under, 10, default);
        Assert.DoesNotContain(before[0], after);
        Assert.Equal(await ExpectedVectorAsync(replica, index, query, under, 10), after);
    }

    private static async Task<int[]> ExpectedVectorAsync(CatalogReplica replica, EmbeddedVectorIndex index, float[] query, ProductFilter filter, int k) =>
        (await index.SearchAsync(query, Products, filter.ToVectorFilter()))
            .Select(h => replica.TryGetRow(h.Id, out var row) ? row : -1)
            .Where(row => filter.Accepts(replica, row))
            .Take(k)
            .ToArray();

    private static int[] ExpectedLexical(CatalogReplica replica, CatalogIndexes indexes, string text, ProductFilter filter, int k) =>
        indexes.Lexical.Search(text, k, id => replica.TryGetRow(id, out var row) && filter.Accepts(replica, row))
            .Select(h => replica.TryGetRow(h.Id, out var row) ? row : -1)
            .ToArray();

    private static float[] Vector(Random random) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

    private static async Task<(CatalogReplica, CatalogIndexes, EmbeddedVectorIndex)> CatalogAsync(Random random)
    {
        var products = Enumerable.Range(0, Products)
            .Select(i =>
            {
                var name = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Words[random.Next(Words.Length)]));
                var price = (decimal)(random.Next(1, 101) * 10);
                return new Product($"p{i}", $"s{i}", name, Brands[random.Next(Brands.Length)],
                    Categories[random.Next(Categories.Length)].Split(" > "), price, price, 4, null, random.Next(4) == 0 ? 0 : 5);
            })
            .ToArray();
        var vectors = products.Select(_ => Vector(random)).ToArray();
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, vectors);
        replica.MarkReady();
        var index = new EmbeddedVectorIndex(Dimensions);
        VectorDocument Document(int row) => new(products[row].Id, vectors[row],
            new VectorMetadata(products[row].Category, products[row].Brand, replica.Price(row), replica.Stock(row) > 0));
        foreach (var batch in Enumerable.Range(0, Products).Chunk(IVectorIndex.MaxUpsertBatch))
        {
            await index.UpsertAsync(batch.Select(Document).ToArray());
        }

        // The index follows price and stock changes, as the catalog bootstrapper wires it.
        replica.FilterFieldsChanged += row => index.Upsert([Document(row)]);
        var indexes = new CatalogIndexes();
        indexes.Install(new LexicalIndex(products), new QueryUnderstanding(CatalogDictionary.Build(products)));
        return (replica, indexes, index);
    }
}
