using Aisle.Cli.Simulation;

namespace Aisle.Tests.Simulation;

/// <summary>The simulated shopper's decisions given the lists Aisle answered, and the loopback-only address check.</summary>
public sealed class ShopperWalkTests
{
    private static readonly ShopperScript Script = new("12345",
    [
        new ScriptLine("85123A", "White Hanging Heart T-Light Holder", 6),
        new ScriptLine("71053", "White Metal Lantern", 2),
        new ScriptLine("84406B", "Cream Cupid Hearts Coat Hanger", 8),
    ]);

    [Fact]
    public void ARecommendedItemIsBoughtAndTheWalkMovesOn()
    {
        var walk = new ShopperWalk("s", Script, new ShopperBehaviour(), seed: 1);

        Assert.Equal(StepOutcome.BuyFromRecommendations, walk.AfterRecommendations(["X", "85123A"]));
        Assert.Equal("71053", walk.Current!.ProductId);
    }

    [Fact]
    public void AMissWithoutSearchOrLeavingIsAViewElsewhere()
    {
        var walk = new ShopperWalk("s", Script, new ShopperBehaviour(SearchShare: 0, LeaveShare: 0), seed: 1);

        Assert.Equal(StepOutcome.ViewElsewhere, walk.AfterRecommendations(["X"]));
        Assert.Equal("71053", walk.Current!.ProductId);
    }

    [Fact]
    public void AMissAlwaysSearchesWhenToldToAndAFoundItemIsBoughtFromSearch()
    {
        var walk = new ShopperWalk("s", Script, new ShopperBehaviour(SearchShare: 1, LeaveShare: 0), seed: 1);

        Assert.Equal(StepOutcome.Search, walk.AfterRecommendations(["X"]));
        Assert.Equal("85123A", walk.Current!.ProductId);
        Assert.Equal(StepOutcome.BuyFromSearch, walk.AfterSearch(["85123A"]));
        Assert.Equal("71053", walk.Current!.ProductId);
    }

    [Fact]
    public void LeavingEndsTheWalk()
    {
        var walk = new ShopperWalk("s", Script, new ShopperBehaviour(SearchShare: 1, LeaveShare: 1), seed: 1);

        Assert.Equal(StepOutcome.Search, walk.AfterRecommendations([]));
        Assert.Equal(StepOutcome.Leave, walk.AfterSearch(["X"]));
        Assert.Null(walk.Current);
    }

    [Fact]
    public void TheSearchQueryIsTwoOrThreeConsecutiveWordsOfTheName()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var query = new ShopperWalk("s", Script, new ShopperBehaviour(), seed).SearchQuery();
            var words = query.Split(' ');
            Assert.InRange(words.Length, 2, 3);
            Assert.Contains(query, Script.Lines[0].Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheSameSeedAndShopperMakeTheSameChoices()
    {
        static List<StepOutcome> Walk(int seed, string shopper)
        {
            var walk = new ShopperWalk(shopper, Script, new ShopperBehaviour(SearchShare: 0.5, LeaveShare: 0.2), seed);
            var outcomes = new List<StepOutcome>();
            while (walk.Current is not null)
            {
                var o = walk.AfterRecommendations([]);
                outcomes.Add(o);
                if (o == StepOutcome.Search)
                {
                    outcomes.Add(walk.AfterSearch([]));
                }
            }

            return outcomes;
        }

        Assert.Equal(Walk(7, "sim-1-12345-0"), Walk(7, "sim-1-12345-0"));
        Assert.Equal(ShopperWalk.MixSeed(7, "a"), ShopperWalk.MixSeed(7, "a"));
        Assert.NotEqual(ShopperWalk.MixSeed(7, "a"), ShopperWalk.MixSeed(7, "b"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5301/", true)]
    [InlineData("https://127.8.9.10", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://10.0.0.5:5000", false)]
    [InlineData("http://example.com", false)]
    [InlineData("http://127.0.0.1.example.com", false)]
    [InlineData("ftp://127.0.0.1", false)]
    [InlineData("127.0.0.1:5000", false)]
    [InlineData("", false)]
    public void OnlyLoopbackAddressesAreAccepted(string url, bool accepted)
    {
        var parsed = LoopbackUrl.Parse(url, out var error);

        Assert.Equal(accepted, parsed is not null);
        Assert.Equal(accepted, error is null);
    }

    [Fact]
    public void TheBaseAddressEndsWithASlashSoRelativePathsKeepItsPath()
    {
        Assert.Equal("http://127.0.0.1:5000/aisle/", LoopbackUrl.Parse("http://127.0.0.1:5000/aisle", out _)!.ToString());
    }
}
