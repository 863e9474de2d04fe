using System.Net;
using Aisle.Llm;
using Aisle.Observability;
using Aisle.Query;

namespace Aisle.Tests.Llm;

/// <summary>The circuit breaker is the cluster's: failures through one silo stop the calls of the other.</summary>
[Collection(LlmCollection.Name)]
public sealed class LlmCircuitTests : IAsyncLifetime
{
    private LlmCluster _llm = null!;

    public async Task InitializeAsync() =>
        _llm = await LlmCluster.StartAsync(new Dictionary<string, string>
        {
            ["FailureThreshold"] = "3",
            ["OpenSeconds"] = "60",
            // The circuit, not the budget, is under test: a trial answer late on a loaded machine must still count.
            ["BudgetMs"] = "8000",
        });

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    private Task<CircuitState> StateAsync() => _llm.Client.GetGrain<ILlmCircuitGrain>(AisleMetrics.QueryUnderstandingPurpose).GetStateAsync();

    [Fact]
    public async Task RepeatedFailuresOnOneSiloOpenTheCircuitForBothAndATrialClosesIt()
    {
        _llm.StandIn.Reply = _ => StandInReply.Failure(HttpStatusCode.InternalServerError);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ParsedQuery.RulesName, (await _llm.Understanding[0].UnderstandAsync($"failing search {i}", default)).UnderstoodBy);
        }

        Assert.Equal(3, _llm.StandIn.Requests.Count);
        Assert.Equal(CircuitState.Open, await StateAsync());

        // Open: the other silo does not call the model for a new text, and says why it fell back.
        var skipped = AisleMetrics.LlmFallbacks.WithLabels(AisleMetrics.QueryUnderstandingPurpose, "circuit_open");
        var before = skipped.Value;
        var parsed = await _llm.Understanding[1].UnderstandAsync("new text while open", default);
        Assert.Equal(ParsedQuery.RulesName, parsed.UnderstoodBy);
        Assert.Equal(3, _llm.StandIn.Requests.Count);
        Assert.Equal(before + 1, skipped.Value);

        // After the open period one trial call goes through; its success closes the circuit.
        _llm.StandIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Watches", confidence: 0.95));
        _llm.Clock.Advance(_llm.Options.OpenDuration + TimeSpan.FromSeconds(1));
        var trial = await _llm.Understanding[1].UnderstandAsync("a watch after the outage", default);

        Assert.Equal("Watches", trial.Category);
        Assert.Equal(4, _llm.StandIn.Requests.Count);
        Assert.Equal(CircuitState.Closed, await StateAsync());
    }

    [Fact]
    public async Task AFailedTrialOpensTheCircuitAgain()
    {
        _llm.StandIn.Reply = _ => StandInReply.Failure(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 3; i++)
        {
            await _llm.Understanding[i % 2].UnderstandAsync($"rate limited {i}", default);
        }

        Assert.Equal(CircuitState.Open, await StateAsync());
        _llm.Clock.Advance(_llm.Options.OpenDuration + TimeSpan.FromSeconds(1));
        await _llm.Understanding[0].UnderstandAsync("still rate limited", default);

        Assert.Equal(4, _llm.StandIn.Requests.Count);
        Assert.Equal(CircuitState.Open, await StateAsync());
    }
}
