using Aisle.Observability;
using Aisle.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aisle.Llm;

/// <summary>
/// Asks the model what goes with one catalog category (the grain key) and keeps the answer for
/// <see cref="LlmOptions.CacheLifetime"/>, as <see cref="QueryInterpretationGrain"/> does for search texts: not reentrant,
/// so concurrent first requests share one call; the call runs past the request's budget so a slow answer serves the
/// next request; an answer naming only unknown categories is kept too (the model would say the same again).
/// </summary>
public sealed class ComplementsGrain(
    IChatClient chat, CatalogIndexes indexes, ComplementsPrompts prompts, IOptions<LlmOptions> options, TimeProvider clock,
    ILogger<ComplementsGrain> logger) : Grain, IComplementsGrain
{
    private readonly LlmOptions _options = options.Value;
    private Complements? _kept;
    private DateTimeOffset _keptUntil;

    public async Task<Complements> ProposeAsync()
    {
        if (_kept is not null && clock.GetUtcNow() < _keptUntil)
        {
            return _kept with { Cached = true };
        }

        var prompt = prompts.For(indexes.Rules.Dictionary);
        var (outcome, complements) = await ModelCall.AskAsync(
            GrainFactory, chat, AisleMetrics.ComplementsPurpose, _options, prompt.Messages(this.GetPrimaryKeyString()), prompt.Options, prompt.Read, logger);
        var result = new Complements(outcome, complements ?? [], Cached: false);
        if (outcome is LlmOutcome.Answered or LlmOutcome.UnknownCategory)
        {
            _kept = result;
            _keptUntil = clock.GetUtcNow() + _options.CacheLifetime;
        }

        return result;
    }
}
