using System.Collections.Immutable;
using Aisle.Experiments;
using Aisle.Users;

namespace Aisle.Tests.Experiments;

public sealed class AttributionTests
{
    private static readonly DateTimeOffset Served = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly ExperimentDefinition Experiment = new("exp", "salt", ExperimentStatus.Running, ExperimentSurface.All,
        [
            new ExperimentVariant("a", 50, null, new Dictionary<string, double>()),
            new ExperimentVariant("b", 50, null, new Dictionary<string, double>()),
        ], 0, TimeSpan.FromHours(1));

    private static readonly ExperimentSet Set = new(1, [Experiment]);

    private static readonly ImmutableDictionary<string, ExperimentMembership> InB =
        ImmutableDictionary<string, ExperimentMembership>.Empty.Add("exp", new ExperimentMembership("b", Served, 0, false));

    private static ShopperEvent Event(InteractionKind kind, string? requestId, TimeSpan after) =>
        new(kind, "p1", null, 1, Served + after, requestId);

    [Fact]
    public void AClickCarryingTheVariantsRequestIdCountsForIt()
    {
        var id = RequestIds.New(new Exposure("exp", "b"), Served);

        var result = Attribution.Attribute(Event(InteractionKind.Click, id, TimeSpan.FromMinutes(1)), 0, InB, Set);

        Assert.Equal(new Exposure("exp", "b"), result!.Exposure);
        Assert.Equal(VariantCounters.Zero with { Clicks = 1 }, result.Delta);
    }

    [Fact]
    public void PurchasesAddRevenueAndTheSquaresOfEachShoppersTotalAndConvertOnce()
    {
        var id = RequestIds.New(new Exposure("exp", "b"), Served);
        var first = Attribution.Attribute(Event(InteractionKind.Purchase, id, TimeSpan.FromMinutes(1)), 30, InB, Set)!;
        var member = InB.SetItem("exp", first.Membership);
        var second = Attribution.Attribute(Event(InteractionKind.Purchase, id, TimeSpan.FromMinutes(2)), 20, member, Set)!;

        Assert.Equal(1, first.Delta.Converters);
        Assert.Equal(0, second.Delta.Converters);
        Assert.Equal(50, first.Delta.Revenue + second.Delta.Revenue);
        // Σx² over shoppers must be this shopper's total squared: 50².
        Assert.Equal(2500, first.Delta.RevenueSquares + second.Delta.RevenueSquares, 9);
    }

    [Theory]
    [InlineData("plainrandomid", 1, "exp")]
    [InlineData(null, 1, "exp")]
    [InlineData("abc.exp.a.{0}", 1, "exp")]       // another variant than the shopper's
    [InlineData("abc.exp.b.{0}", 120, "exp")]     // outside the one-hour window
    [InlineData("abc.other.b.{0}", 1, "exp")]     // an experiment that does not exist
    public void EventsOutsideTheVariantTheShopperWasServedOrOutsideTheWindowCountForNothing(string? template, int minutes, string _)
    {
        var id = template is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Served.ToUnixTimeSeconds());

        Assert.Null(Attribution.Attribute(Event(InteractionKind.Purchase, id, TimeSpan.FromMinutes(minutes)), 10, InB, Set));
    }

    [Fact]
    public void AStoppedExperimentAndAViewAttributeNothing()
    {
        var id = RequestIds.New(new Exposure("exp", "b"), Served);
        var stopped = new ExperimentSet(2, [Experiment with { Status = ExperimentStatus.Stopped }]);

        Assert.Null(Attribution.Attribute(Event(InteractionKind.Click, id, TimeSpan.FromMinutes(1)), 0, InB, stopped));
        Assert.Null(Attribution.Attribute(Event(InteractionKind.View, id, TimeSpan.FromMinutes(1)), 0, InB, Set));
    }
}
