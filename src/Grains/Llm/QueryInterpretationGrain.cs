using System.Diagnostics;
using Aisle.Observability;
using Aisle.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aisle.Llm;

/// <summary>
/// Asks the model about one normalised search text (the grain key) and keeps the answer for
/// <see cref="LlmOptions.CacheLifetime"/>. Not reentrant on purpose: concurrent first searches of the same words wait for
/// the one call instead of making their own. The call runs to <see cref="LlmOptions.CallTimeout"/>, beyond the search's
/// budget, so a slow answer still serves the next search. Readings the catalog cannot use (unknown category or brand)
/// are kept too: the model would say the same again. Transient failures are not kept.
/// </summary>
public sealed partial class QueryInterpretationGrain(
    IChatClient chat, CatalogIndexes indexes, QueryInterpretationPrompts prompts, IOptions<LlmOptions> options, TimeProvider clock,
    ILogger<QueryInterpretationGrain> logger) : Grain, IQueryInterpretationGrain
{
    private readonly LlmOptions _options = options.Value;
    private Interpretation? _kept;
    private DateTimeOffset _keptUntil;

    public async Task<Interpretation> InterpretAsync()
    {
        if (_kept is not null && clock.GetUtcNow() < _keptUntil)
        {
            return _kept with { Cached = true };
        }

        var circuit = GrainFactory.GetGrain<ILlmCircuitGrain>(AisleMetrics.QueryUnderstandingPurpose);
        if (!await circuit.TryAcquireAsync())
        {
            return new Interpretation(LlmOutcome.CircuitOpen, null, Cached: false);
        }

        var (outcome, reading, elapsed) = await CallAsync(this.GetPrimaryKeyString());
        // An answer slower than the budget came too late for the search that asked: a model that is always that slow
        // should stop being waited for, so it counts against the circuit even though the answer is kept.
        var healthy = !LlmFailures.CountsAgainstService(outcome) && elapsed <= _options.Budget;
        await circuit.ReportAsync(healthy);

        var result = new Interpretation(outcome, reading, Cached: false);
        if (outcome is LlmOutcome.Answered or LlmOutcome.UnknownCategory or LlmOutcome.UnknownBrand)
        {
            _kept = result;
            _keptUntil = clock.GetUtcNow() + _options.CacheLifetime;
        }

        return result;
    }

    private async Task<(LlmOutcome, QueryInterpretation?, TimeSpan)> CallAsync(string query)
    {
        var prompt = prompts.For(indexes.Rules.Dictionary);
        var started = Stopwatch.GetTimestamp();
        AisleMetrics.LlmCalls.WithLabels(AisleMetrics.QueryUnderstandingPurpose).Inc();
        using var deadline = new CancellationTokenSource(_options.CallTimeout);
        LlmOutcome outcome;
        QueryInterpretation? reading = null;
        try
        {
            var chatOptions = prompt.Options.Clone();
            chatOptions.ModelId = _options.Model;
            var response = await chat.GetResponseAsync(prompt.Messages(query), chatOptions, deadline.Token);
            (outcome, reading) = prompt.Read(response.Text);
        }
        catch (Exception ex)
        {
            outcome = LlmFailures.Classify(ex);
            LogCallFailed(logger, LlmFailures.Label(outcome), ex.Message);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        AisleMetrics.LlmCallDuration.WithLabels(AisleMetrics.QueryUnderstandingPurpose).Observe(elapsed.TotalSeconds);
        if (outcome == LlmOutcome.Timeout)
        {
            AisleMetrics.LlmTimeouts.WithLabels(AisleMetrics.QueryUnderstandingPurpose).Inc();
        }

        return (outcome, reading, elapsed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM call failed ({Reason}): {Message}")]
    private static partial void LogCallFailed(ILogger logger, string reason, string message);
}
