using Aisle.Learning;
using Aisle.Ranking;
using Aisle.Tests.Ranking;
using Aisle.Users;

namespace Aisle.Tests.Learning;

/// <summary>Recommendations use the learned model when the silo has one, and answer from the live signals when it has none
/// or it knows none of the shopper's products.</summary>
public class ModelInRecommendationsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>A shopper who viewed a kitchen bowl set (k0) and nothing else.</summary>
    private static readonly UserProfile Shopper = new("u", Now, [new RecentInteraction("k0", InteractionKind.View, Now)],
        new Dictionary<string, double>(), new Dictionary<string, double>(), null, null, [], [], 1);

    /// <summary>A model that has learned: after a bowl set (k0) shoppers take a watch (w3), then a dog collar (c2).</summary>
    private static ItemModel BowlThenWatch() => new(3, Now, ["k0", "w3", "c2"], 2, [1, 2, 2, 0, 1, 0], [4f, 1f, 0f, 0f, 0f, 0f],
        [0f, 0f, 0f], 5, 0.6, HeldBackScore.None);

    private static async Task<Aisle.Recommendations.RankedList> RecommendAsync(ModelSlot slot, RecommendationStrategy strategy)
    {
        var (recommender, _) = await SmallCatalog.BuildAsync(SmallCatalog.KitchenPetsWatches(), model: slot);
        return await recommender.RecommendAsync(Shopper, 10, RankingProfile.Default with { Strategy = strategy });
    }

    [Fact]
    public async Task TheModelAloneProposesWhatItLearnedComesNext()
    {
        var slot = new ModelSlot();
        slot.Install(BowlThenWatch());

        var list = await RecommendAsync(slot, RecommendationStrategy.Model);

        Assert.Equal(["w3", "c2"], list.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task TheHybridAddsTheModelsProposalsToTheLiveSignals()
    {
        var slot = new ModelSlot();
        slot.Install(BowlThenWatch());

        var list = await RecommendAsync(slot, RecommendationStrategy.Hybrid);

        // A watch has nothing in common with a bowl set: only the model can have proposed it. (Its place depends on the
        // test catalog's word-hash vectors, which change with the process's string hashing, so only its presence is asked.)
        var watch = Assert.Single(list.Items, i => i.Id == "w3");
        Assert.Contains(Explainer.Learned, watch.Sources);
        Assert.Contains(list.Items, i => i.Id.StartsWith('k'));
    }

    [Fact]
    public async Task WithoutAModelTheLiveSignalsAnswerAlone()
    {
        var empty = new ModelSlot();

        var alone = await RecommendAsync(empty, RecommendationStrategy.Model);
        var hybrid = await RecommendAsync(empty, RecommendationStrategy.Hybrid);

        Assert.Empty(alone.Items);
        Assert.NotEmpty(hybrid.Items);
        Assert.DoesNotContain(hybrid.Items, i => i.Sources.Contains(Explainer.Learned));
    }

    [Fact]
    public async Task AModelThatKnowsNoneOfTheShoppersProductsIsIgnored()
    {
        var slot = new ModelSlot();
        slot.Install(BowlThenWatch() with { Items = ["x0", "x1", "x2"] });

        var hybrid = await RecommendAsync(slot, RecommendationStrategy.Hybrid);

        Assert.NotEmpty(hybrid.Items);
        Assert.DoesNotContain(hybrid.Items, i => i.Sources.Contains(Explainer.Learned));
    }
}
