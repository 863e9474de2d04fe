using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Recommendations;
using Microsoft.Extensions.Configuration;

namespace Aisle.Tests.Ranking;

public sealed class BusinessRulesTests
{
    private static readonly ScoreTerms NoTerms = new(0, 0, null, 0, 0, null, 0, 0, 0);

    // Rows: 0 = p1 (Acme, Beauty > Lips), 1 = p2 (Bolt, Beauty > Nails), 2 = p3 (Acme, Beauty > Nails), 3 = p4 (Cove, Home).
    private static readonly CatalogReplica Catalog = Build();

    [Fact]
    public void WithoutRulesTheOrderIsTheScoreOrder() =>
        Assert.Equal(["p1", "p2", "p3", "p4"], Ids(new BusinessRules().Apply(Catalog, Scored())));

    [Fact]
    public void ABrandBoostRaisesThatBrandAndSaysSo()
    {
        var result = new BusinessRules([new BusinessRule(RuleAction.Boost, RuleTarget.Brand, "cove", 5)]).Apply(Catalog, Scored());

        Assert.Equal(["p4", "p1", "p2", "p3"], Ids(result));
        Assert.Contains(BusinessRules.Boosted, result[0].Candidate.Sources);
        Assert.Contains("Promoted by the store", new Explainer(Catalog).Explain(result[0], null));
    }

    [Fact]
    public void ACategoryBuryLowersEveryProductUnderThatPath()
    {
        var result = new BusinessRules([new BusinessRule(RuleAction.Bury, RuleTarget.Category, "Beauty > Nails", 2)]).Apply(Catalog, Scored());

        // p2 3 → 1 ties with p4 (1) and wins on row order; p3 2 → 0.
        Assert.Equal(["p1", "p2", "p4", "p3"], Ids(result));
    }

    [Fact]
    public void PinsTakeTheTopPlacesInRuleOrder()
    {
        var rules = new BusinessRules(
        [
            new BusinessRule(RuleAction.Pin, RuleTarget.Brand, "Bolt"),
            new BusinessRule(RuleAction.Pin, RuleTarget.Product, "p4"),
        ]);

        var result = rules.Apply(Catalog, Scored());

        Assert.Equal(["p2", "p4", "p1", "p3"], Ids(result));
        Assert.Equal("Featured by the store", new Explainer(Catalog).Explain(result[0], null)[0]);
    }

    [Fact]
    public void RulesCanComeFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aisle:Rules:0:Action"] = "Pin",
            ["Aisle:Rules:0:Target"] = "Product",
            ["Aisle:Rules:0:Value"] = "p3",
            ["Aisle:Rules:1:Action"] = "Bury",
            ["Aisle:Rules:1:Target"] = "Brand",
            ["Aisle:Rules:1:Value"] = "Acme",
            ["Aisle:Rules:1:Amount"] = "10",
        }).Build();

        var rules = new BusinessRules(configuration.GetSection(BusinessRules.Section).Get<BusinessRule[]>());

        Assert.Equal(["p3", "p2", "p4", "p1"], Ids(rules.Apply(Catalog, Scored())));
    }

    private static List<ScoredCandidate> Scored() =>
        Enumerable.Range(0, 4).Select(row => new ScoredCandidate(new Candidate(row), 4 - row, NoTerms)).ToList();

    private static string[] Ids(IEnumerable<ScoredCandidate> list) => list.Select(s => Catalog.Product(s.Candidate.Row).Id).ToArray();

    private static CatalogReplica Build()
    {
        Product P(string id, string brand, params string[] path) => new(id, id, "Product " + id, brand, path, 10m, 10m, 4, null, 5);
        var products = new[]
        {
            P("p1", "Acme", "Beauty", "Lips"), P("p2", "Bolt", "Beauty", "Nails"), P("p3", "Acme", "Beauty", "Nails"), P("p4", "Cove", "Home"),
        };
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, products.Select((_, i) => new float[] { i == 0 ? 1 : 0, i == 1 ? 1 : 0, i == 2 ? 1 : 0, i == 3 ? 1 : 0 }).ToArray());
        replica.MarkReady();
        return replica;
    }
}
