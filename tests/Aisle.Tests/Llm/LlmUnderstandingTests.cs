using System.Net;
using System.Text.Json;
using Aisle.Llm;
using Aisle.Observability;
using Aisle.Query;

namespace Aisle.Tests.Llm;

/// <summary>The LLM understanding against the chat-completions stand-in, through two silos: what it asks, what it keeps,
/// and that every way the model can fail leaves the shopper with the rules' answer.</summary>
[Collection(LlmCollection.Name)]
public sealed class LlmUnderstandingTests : IAsyncLifetime
{
    private LlmCluster _llm = null!;

    public async Task InitializeAsync() =>
        // A high threshold: these tests fail the model on purpose and must not open the circuit for each other.
        _llm = await LlmCluster.StartAsync(new Dictionary<string, string> { ["FailureThreshold"] = "1000" });

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    private static KnownBrand CertainBrand => LlmCluster.Rules.Dictionary.Brands.Known.Values.Where(b => b.Certain).MaxBy(b => b.Count)!;

    private static string Unique(string text) => text + " " + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task TheRequestCarriesTheModelTheSchemaAndTheBearerKey()
    {
        await _llm.Understanding[0].UnderstandAsync(Unique("red running shoes"), default);

        var request = Assert.Single(_llm.StandIn.Requests);
        Assert.Equal("Bearer " + _llm.Key, request.Authorization);
        Assert.Equal(LlmCluster.Model, request.Model);
        var format = request.Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var schema = format.GetProperty("json_schema");
        Assert.Equal(QueryInterpretationPrompt.SchemaName, schema.GetProperty("name").GetString());
        var properties = schema.GetProperty("schema").GetProperty("properties");
        foreach (var field in new[] { "product_type", "category", "brand", "min_price", "max_price", "gender", "colour", "size", "material", "keywords", "confidence", "proposals" })
        {
            Assert.True(properties.TryGetProperty(field, out _), $"the schema should ask for {field}");
        }

        // The category is constrained to the catalog's own paths.
        var categories = properties.GetProperty("category").GetProperty("enum").EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
        Assert.Contains("Footwear", categories);
        Assert.All(categories, c => Assert.True(LlmCluster.Rules.Dictionary.Categories.Paths.ContainsKey(c)));
    }

    [Fact]
    public async Task AValidAnswerIsParsedCheckedAndSpelledAsTheCatalogDoes()
    {
        var brand = CertainBrand;
        var query = Unique($"{brand.Name.ToLowerInvariant()} shoes");
        _llm.StandIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(
            request.Query, category: "footwear", brand: brand.Name.ToUpperInvariant(), confidence: 0.95, maxPrice: 2000, productType: "shoes"));

        var parsed = await _llm.Understanding[0].UnderstandAsync(query, default);

        Assert.Equal(LlmCluster.Model, parsed.UnderstoodBy);
        Assert.Equal("Footwear", parsed.Category);
        Assert.True(parsed.CategoryCertain);
        Assert.Equal(brand.Name, parsed.Brand);
        Assert.Equal(2000, parsed.MaxPrice);
        Assert.Equal("shoes", parsed.ProductType);
        Assert.Contains(parsed.Notes, n => n.StartsWith("understood by " + LlmCluster.Model, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALowConfidenceCategoryOnlyBoosts()
    {
        _llm.StandIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Footwear", confidence: 0.4));

        var parsed = await _llm.Understanding[0].UnderstandAsync(Unique("something comfy"), default);

        Assert.Equal("Footwear", parsed.Category);
        Assert.False(parsed.CategoryCertain);
    }

    public static TheoryData<string> Failures => ["timeout", "rate_limited", "server_error", "malformed", "unknown_category", "unknown_brand"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task EveryFailureFallsBackToTheRulesAndIsCounted(string reason)
    {
        _llm.StandIn.Reply = reason switch
        {
            // Beyond the call's own timeout: the model never answers.
            "timeout" => request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query), _llm.Options.CallTimeout * 3),
            "rate_limited" => _ => StandInReply.Failure(HttpStatusCode.TooManyRequests),
            "server_error" => _ => StandInReply.Failure(HttpStatusCode.InternalServerError),
            "malformed" => _ => StandInReply.Json("{\"category\": \"Footwear\", \"keyw"),
            "unknown_category" => request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Spaceships")),
            "unknown_brand" => request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, brand: "No Such Brand Xyzzy")),
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        };
        var query = Unique("mens running shoes under 1500");
        var fallbacks = AisleMetrics.LlmFallbacks.WithLabels(AisleMetrics.QueryUnderstandingPurpose, reason);
        var before = fallbacks.Value;

        var parsed = await _llm.Understanding[1].UnderstandAsync(query, default);

        var rules = LlmCluster.Rules.Parse(query);
        Assert.Equal(ParsedQuery.RulesName, parsed.UnderstoodBy);
        Assert.Equal((rules.Category, rules.Brand, rules.Gender, rules.MaxPrice, rules.Text), (parsed.Category, parsed.Brand, parsed.Gender, parsed.MaxPrice, parsed.Text));
        Assert.Equal(1500, parsed.MaxPrice);
        Assert.Equal(before + 1, fallbacks.Value);
        Assert.Single(_llm.StandIn.Requests);
    }

    [Fact]
    public async Task AnAnswerAfterTheBudgetFallsBackAndServesTheNextSearch()
    {
        _llm.StandIn.Reply = request => StandInReply.Json(
            ChatCompletionsStandIn.Reading(request.Query, category: "Watches", confidence: 0.95), _llm.Options.Budget * 3);
        var query = Unique("something to tell the time");
        var timeouts = AisleMetrics.LlmFallbacks.WithLabels(AisleMetrics.QueryUnderstandingPurpose, "timeout");
        var before = timeouts.Value;

        var first = await _llm.Understanding[0].UnderstandAsync(query, default);

        Assert.Equal(ParsedQuery.RulesName, first.UnderstoodBy);
        Assert.Equal(before + 1, timeouts.Value);
        Assert.True(await LlmCluster.EventuallyAsync(() => Task.FromResult(_llm.StandIn.Answered == 1)), "the late answer should arrive");
        // The grain kept the late answer: the next search of these words, on the other silo, gets it without a call.
        Assert.True(await LlmCluster.EventuallyAsync(async () => (await _llm.Understanding[1].UnderstandAsync(query, default)).Category == "Watches"));
        Assert.Single(_llm.StandIn.Requests);
    }

    [Fact]
    public async Task TheCacheIsSharedByBothSilosSoAPopularSearchAsksOnce()
    {
        _llm.StandIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Watches", confidence: 0.95));
        var query = Unique("Analog  WATCH");
        var hits = AisleMetrics.LlmCacheHits.WithLabels(AisleMetrics.QueryUnderstandingPurpose);
        var before = hits.Value;

        var first = await _llm.Understanding[0].UnderstandAsync(query, default);
        var otherSilo = await _llm.Understanding[1].UnderstandAsync(query.ToLowerInvariant().Replace("  ", " "), default);
        var sameSilo = await _llm.Understanding[0].UnderstandAsync(query, default);

        Assert.Equal("Watches", first.Category);
        Assert.Equal("Watches", otherSilo.Category);
        Assert.Equal("Watches", sameSilo.Category);
        Assert.Single(_llm.StandIn.Requests);
        Assert.Equal(before + 2, hits.Value);
    }

    [Fact]
    public async Task ConcurrentFirstSearchesOfOneTextShareOneCall()
    {
        _llm.StandIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Watches", confidence: 0.95));
        var query = Unique("steel watch");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _llm.Understanding[i % 2].UnderstandAsync(query, default).AsTask()));

        // Each answer is the model's or, had the one call outlasted the budget on a busy machine, the rules'; never a second call.
        Assert.All(answers, a => Assert.Contains(a.UnderstoodBy, new[] { LlmCluster.Model, ParsedQuery.RulesName }));
        Assert.True(await LlmCluster.EventuallyAsync(async () => (await _llm.Understanding[1].UnderstandAsync(query, default)).Category == "Watches"));
        Assert.Single(_llm.StandIn.Requests);
    }

    [Fact]
    public async Task NeedsComeBackWithProposedProducts()
    {
        _llm.StandIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(
            request.Query, confidence: 0.7, namesNeed: true, proposals: [("dog bowl", "dog bowl steel"), ("dog collar", "dog collar leash")]));

        var parsed = await _llm.Understanding[0].UnderstandAsync(Unique("things for a new puppy"), default);

        Assert.True(parsed.NamesNeed);
        Assert.Equal(["dog bowl", "dog collar"], parsed.Proposals.Select(p => p.ProductType));
    }

    [Fact]
    public async Task APriceOnlyQueryNeverAsksTheModel()
    {
        var parsed = _llm.Understanding[0].UnderstandAsync("under 500", default);

        Assert.True(parsed.IsCompletedSuccessfully);
        Assert.Equal(500, (await parsed).MaxPrice);
        Assert.Empty(_llm.StandIn.Requests);
    }
}
