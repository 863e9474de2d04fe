using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>
/// What every <see cref="IVectorIndex"/> must answer alike, so the search pipeline cannot tell which store serves it:
/// the nearest documents by cosine under each filter (checked against a brute-force reference), scores on the cosine
/// scale, k and its limits, upsert then read, replace, and the checks on bad input. A subclass says how to open an
/// empty store; <see cref="EmbeddedVectorStoreContractTests"/> and <see cref="AstraVectorStoreContractTests"/> run it
/// (the approximate index ranks by int8 scores, so it has recall tests of its own instead).
/// </summary>
public abstract class VectorStoreContractTests : IAsyncLifetime
{
    protected const int Dimensions = 48;
    private const int K = 15;
    private static readonly VectorTestData Data = VectorTestData.Create(700, Dimensions, clusters: 12, seed: 41);
    private IVectorIndex? _index;

    /// <summary>An empty store for vectors of <paramref name="dimensions"/> components.</summary>
    protected abstract Task<IVectorIndex> OpenAsync(int dimensions);

    protected IVectorIndex Index => _index ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _index = await OpenAsync(Dimensions);

    public virtual Task DisposeAsync() => (_index as IDisposable) is { } disposable ? Task.Run(disposable.Dispose) : Task.CompletedTask;

    private async Task FillAsync()
    {
        foreach (var batch in Data.Documents.Chunk(IVectorIndex.MaxUpsertBatch))
        {
            await Index.UpsertAsync(batch);
        }
    }

    public static TheoryData<string> Filters => new() { "none", "category", "deep category", "brand", "price", "stock", "men", "women", "girls", "exclusions", "everything" };

    private static (VectorFilter? Filter, Func<VectorDocument, bool> Passes) Case(string name)
    {
        var excluded = Data.Documents.Where((_, i) => i % 3 == 0).Select(d => d.Id).ToHashSet();
        return name switch
        {
            "none" => (null, _ => true),
            "category" => (new VectorFilter(Category: "FOOTWEAR"), d => StartsWith(d, "footwear")),
            "deep category" => (new VectorFilter(Category: "clothing >> kids' clothing"), d => StartsWith(d, "clothing", "kids' clothing")),
            "brand" => (new VectorFilter(Brand: " alisha "), d => string.Equals(d.Metadata.Brand, "alisha", StringComparison.OrdinalIgnoreCase)),
            "price" => (new VectorFilter(MinPrice: 300, MaxPrice: 2500), d => d.Metadata.Price is >= 300 and <= 2500),
            "stock" => (new VectorFilter(InStockOnly: true), d => d.Metadata.InStock),
            "men" or "women" or "girls" => GenderCase(Enum.Parse<Gender>(name, ignoreCase: true)),
            "exclusions" => (new VectorFilter(ExcludeIds: excluded), d => !excluded.Contains(d.Id)),
            "everything" => (new VectorFilter("Clothing", "NIKE", 100, 4500, true, excluded, Gender.Men),
                d => StartsWith(d, "clothing") && string.Equals(d.Metadata.Brand, "nike", StringComparison.OrdinalIgnoreCase)
                     && d.Metadata.Price is >= 100 and <= 4500 && d.Metadata.InStock && !excluded.Contains(d.Id)
                     && !ProductGenders.Contradicts(d.Metadata.Genders, Gender.Men)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static (VectorFilter?, Func<VectorDocument, bool>) GenderCase(Gender gender) =>
        (new VectorFilter(Gender: gender), d => !ProductGenders.Contradicts(d.Metadata.Genders, gender));

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task FilteredSearchReturnsTheNearestPassingDocuments(string filterName)
    {
        await FillAsync();
        var (filter, passes) = Case(filterName);
        Assert.True(Data.Documents.Count(passes) > 0, "the case must leave something to find");
        for (var q = 0; q < 4; q++)
        {
            var query = Data.Query(200 + q);
            var expected = VectorTestData.BruteForce(Data.Documents, query, K, passes).Select(x => x.Id).ToList();
            var hits = await Index.SearchAsync(query, K, filter);
            Assert.Equal(expected, hits.Select(h => h.Id).ToList());
        }
    }

    [Fact]
    public async Task ScoresAreCosineSimilaritiesBestFirst()
    {
        await FillAsync();
        var query = Data.Query(7);
        var byId = Data.Documents.ToDictionary(d => d.Id);
        var hits = await Index.SearchAsync(query, 30);
        Assert.Equal(30, hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Equal(VectorTestData.Cosine(byId[hits[i].Id].Vector.Span, query), hits[i].Score, 4);
            Assert.True(i == 0 || hits[i - 1].Score >= hits[i].Score);
        }

        // The opposite direction scores negative: the scale is cosine's [-1, 1], not a store's own [0, 1].
        var others = Data.Documents.Skip(1).Select(d => d.Id).ToHashSet();
        var opposite = (await Index.SearchAsync(Data.Documents[0].Vector.ToArray().Select(c => -c).ToArray(), 1, new VectorFilter(ExcludeIds: others))).Single();
        Assert.Equal(-1.0, opposite.Score, 4);
    }

    [Fact]
    public async Task KLargerThanWhatPassesReturnsEveryPassingDocument()
    {
        await FillAsync();
        var filter = new VectorFilter(Category: "Jewellery", Brand: "Puma", InStockOnly: true);
        var passing = Data.Documents.Count(d => StartsWith(d, "jewellery") && d.Metadata.Brand == "Puma" && d.Metadata.InStock);
        Assert.InRange(passing, 1, 100);
        var hits = await Index.SearchAsync(Data.Query(3), passing + 40, filter);
        Assert.Equal(passing, hits.Count);
        Assert.Equal(passing, hits.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public async Task UnknownBrandOrCategoryFindsNothing()
    {
        await FillAsync();
        Assert.Empty(await Index.SearchAsync(Data.Query(1), K, new VectorFilter(Brand: "Alish")));
        Assert.Empty(await Index.SearchAsync(Data.Query(1), K, new VectorFilter(Category: "Foot")));
    }

    [Fact]
    public async Task UpsertedVectorsReadBackAtUnitLength()
    {
        var document = Data.Documents[5];
        await Index.UpsertAsync([document]);
        var stored = await Index.GetVectorAsync(document.Id);
        Assert.NotNull(stored);
        var norm = Math.Sqrt(stored.Sum(c => (double)c * c));
        Assert.Equal(1.0, norm, 4);
        Assert.Equal(1.0, VectorTestData.Cosine(stored, document.Vector.Span), 5);
        Assert.Null(await Index.GetVectorAsync("never-written"));
    }

    [Fact]
    public async Task UpsertReplacesVectorAndMetadataOfAnExistingId()
    {
        var first = Data.Documents[0];
        var second = Data.Documents[1];
        await Index.UpsertAsync([first, second]);
        var moved = first with { Vector = second.Vector, Metadata = new VectorMetadata("Watches > Wrist", "NewBrand", 42, true, Gender.Women) };
        await Index.UpsertAsync([moved]);

        Assert.Equal(2, Index.Count);
        Assert.Empty(await Index.SearchAsync(second.Vector, 5, new VectorFilter(Brand: first.Metadata.Brand ?? "none", Category: first.Metadata.Category)));
        var hits = await Index.SearchAsync(second.Vector, 5, new VectorFilter(Category: "watches", Brand: "newbrand", MaxPrice: 50, Gender: Gender.Women));
        Assert.Equal(first.Id, Assert.Single(hits).Id);
        Assert.Equal(1.0, hits[0].Score, 4);
        Assert.Empty(await Index.SearchAsync(second.Vector, 5, new VectorFilter(Category: "watches", Gender: Gender.Men)));
    }

    [Fact]
    public async Task PriceAndStockChangesAreWhatTheFiltersSee()
    {
        var document = Data.Documents[9] with { Metadata = new VectorMetadata("Toys", null, 500, true) };
        await Index.UpsertAsync([document]);
        await Index.UpsertAsync([document with { Metadata = document.Metadata with { Price = null, InStock = false } }]);

        Assert.Empty(await Index.SearchAsync(document.Vector, 5, new VectorFilter(InStockOnly: true)));
        Assert.Empty(await Index.SearchAsync(document.Vector, 5, new VectorFilter(MaxPrice: 1000)));
        Assert.Single(await Index.SearchAsync(document.Vector, 5, new VectorFilter(Category: "toys")));
    }

    [Fact]
    public async Task BadInputIsRefusedBeforeAnythingIsWritten()
    {
        var tooMany = Data.Documents.Take(IVectorIndex.MaxUpsertBatch + 1).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => Index.UpsertAsync(tooMany));
        var wrongLength = Data.Documents[0] with { Vector = new float[Dimensions + 1] };
        await Assert.ThrowsAsync<ArgumentException>(() => Index.UpsertAsync([Data.Documents[1], wrongLength]));
        Assert.Null(await Index.GetVectorAsync(Data.Documents[1].Id));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Index.SearchAsync(Data.Query(0), 0));
        await Assert.ThrowsAsync<ArgumentException>(() => Index.SearchAsync(new float[Dimensions - 1], 5));
    }

    private static bool StartsWith(VectorDocument document, params string[] prefix) =>
        CategoryPath.StartsWith(CategoryPath.Segments(document.Metadata.Category), prefix);
}
