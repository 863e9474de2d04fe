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
public sealed class QueryInterpretationGrain(
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

        var prompt = prompts.For(indexes.Rules.Dictionary);
        var (outcome, reading) = await ModelCall.AskAsync(
            GrainFactory, chat, AisleMetrics.QueryUnderstandingPurpose, _options, prompt.Messages(this.GetPrimaryKeyString()), prompt.Options, prompt.Read, logger);
        var result = new Interpretation(outcome, reading, Cached: false);
        if (outcome is LlmOutcome.Answered or LlmOutcome.UnknownCategory or LlmOutcome.UnknownBrand)
        {
            _kept = result;
            _keptUntil = clock.GetUtcNow() + _options.CacheLifetime;
        }

        return result;
    }
}
