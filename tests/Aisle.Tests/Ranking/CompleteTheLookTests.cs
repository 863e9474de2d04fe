using Aisle.Catalog;
using Aisle.Llm;
using Aisle.Products;
using Aisle.Ranking;

namespace Aisle.Tests.Ranking;

/// <summary>
/// "Complete the look": the kinds the model says go with a product's category, retrieved within their category and
/// explained; without a model, what shoppers touched with it in other categories; never more of the product's own kind.
/// </summary>
public sealed class CompleteTheLookTests
{
    private const string Phones = "Mobiles & Accessories > Mobiles > Samsung Mobiles";

    private static readonly ComplementaryProducts[] PhoneComplements =
    [
        new("mobile case", "back case cover", "Mobiles & Accessories"),
        new("screen guard", "tempered glass screen guard", null),
    ];

    [Fact]
    public async Task TheProposedKindsComeWithTheirReason()
    {
        var (recommender, _) = await SmallCatalog.BuildAsync(Catalog(), complements: new Fixed(PhoneComplements));

        var list = await recommender.CompleteTheLookAsync(["p0"], null, 10);

        Assert.NotNull(list);
        Assert.Equal(8, list.Items.Count);
        Assert.Contains(list.Items, i => i.Name.StartsWith("Tempered Glass", StringComparison.Ordinal) && i.Reasons[0] == "Goes with Samsung Mobiles: screen guard");
        Assert.Contains(list.Items, i => i.Name.StartsWith("Silicone Back Case", StringComparison.Ordinal) && i.Reasons[0] == "Goes with Samsung Mobiles: mobile case");
        Assert.All(list.Items, i => Assert.Contains(Explainer.Complements, i.Sources));
    }

    [Fact]
    public async Task NeverMoreOfTheAnchorsOwnKind()
    {
        // A proposal whose words also match phones: the phones stay out.
        var (recommender, _) = await SmallCatalog.BuildAsync(Catalog(), complements: new Fixed([new("phone", "galaxy phone", null), .. PhoneComplements]));

        var list = await recommender.CompleteTheLookAsync(["p0"], null, 20);

        Assert.DoesNotContain(list!.Items, i => i.Category.StartsWith("Mobiles & Accessories > Mobiles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAModelWhatShoppersTouchedInOtherCategoriesFillsThePage()
    {
        var (recommender, replica) = await SmallCatalog.BuildAsync(Catalog());
        Link(replica, "p0", "p1", "c2", "w1");

        var list = await recommender.CompleteTheLookAsync(["p0"], null, 10);

        Assert.Equal(["c2", "w1"], list!.Items.Select(i => i.Id).Order());
        Assert.All(list.Items, i => Assert.Contains("Often viewed together with Galaxy Phone 0", i.Reasons));
    }

    [Fact]
    public async Task WithAModelTouchedProductsFollowTheProposedKinds()
    {
        var (recommender, replica) = await SmallCatalog.BuildAsync(Catalog(), complements: new Fixed(PhoneComplements));
        Link(replica, "p0", "w1");

        var list = await recommender.CompleteTheLookAsync(["p0"], null, 20);

        Assert.Equal("w1", list!.Items[^1].Id);
    }

    [Fact]
    public async Task AProductNobodyTouchedWithoutAModelHasAnEmptyList()
    {
        var (recommender, _) = await SmallCatalog.BuildAsync(Catalog());

        var list = await recommender.CompleteTheLookAsync(["p3"], null, 10);

        Assert.NotNull(list);
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task ACartAsksForEachOfItsCategories()
    {
        var asked = new Fixed(PhoneComplements);
        var (recommender, _) = await SmallCatalog.BuildAsync(Catalog(), complements: asked);

        var list = await recommender.CompleteTheLookAsync(["g0", "p0", "gone"], null, 10);

        Assert.Equivalent(new[] { Phones, "Mobiles & Accessories > Mobile Accessories > Screen Guards" }, asked.Asked, strict: true);
        Assert.DoesNotContain(list!.Items, i => i.Id is "g0" or "p0");
    }

    [Fact]
    public async Task UnknownProductsHaveNoList()
    {
        var (recommender, _) = await SmallCatalog.BuildAsync(Catalog());

        Assert.Null(await recommender.CompleteTheLookAsync(["nope"], null, 10));
    }

    private static List<Product> Catalog()
    {
        var products = new List<Product>();
        for (var i = 0; i < 4; i++)
        {
            products.Add(SmallCatalog.Item($"p{i}", $"Galaxy Phone {i}", "Samsung", "Mobiles & Accessories", "Mobiles", "Samsung Mobiles"));
            products.Add(SmallCatalog.Item($"c{i}", $"Silicone Back Case Cover {i}", $"Caseit{i}", "Mobiles & Accessories", "Mobile Accessories", "Cases & Covers"));
            products.Add(SmallCatalog.Item($"g{i}", $"Tempered Glass Screen Guard {i}", $"Guardo{i}", "Mobiles & Accessories", "Mobile Accessories", "Screen Guards"));
            products.Add(SmallCatalog.Item($"w{i}", $"Analog Watch {i}", "Timely", "Watches", "Wrist Watches"));
        }

        return products;
    }

    /// <summary>Shoppers touched <paramref name="anchor"/> together with <paramref name="linked"/>, equally often.</summary>
    private static void Link(CatalogReplica replica, string anchor, params string[] linked) =>
        replica.Apply(new ProductSnapshot(anchor, 400m, 5, 10, 0, 0, 10, linked, DateTimeOffset.UtcNow, 1)
        {
            NeighbourWeights = linked.Select(_ => 1.0).ToArray(),
            LinkTotal = linked.Length,
        });

    private sealed class Fixed(IReadOnlyList<ComplementaryProducts> complements) : IComplementProposals
    {
        public List<string> Asked { get; } = [];

        public ValueTask<IReadOnlyList<ComplementaryProducts>> ForAsync(string category, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add(category);
            }

            return new(category == Phones ? complements : []);
        }
    }
}
