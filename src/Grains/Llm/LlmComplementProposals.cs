using Aisle.Observability;
using Microsoft.Extensions.Options;

namespace Aisle.Llm;

/// <summary>
/// The model's complements per category within the budget, as <see cref="LlmQueryUnderstanding"/> reads searches: a
/// silo front cache, then the cluster's <see cref="IComplementsGrain"/> of the category, waited for at most
/// <see cref="LlmOptions.Budget"/>. Slow, down, rate-limited, malformed or an open circuit: no complements this time
/// (counted in the fallback metric), and the page is made of co-interaction candidates.
/// </summary>
public sealed class LlmComplementProposals(IGrainFactory grains, IOptions<LlmOptions> options, TimeProvider clock) : IComplementProposals
{
    /// <summary>Categories kept in this silo's front cache at once (a catalog has a few thousand at three levels).</summary>
    public const int MaxCached = 5_000;

    private const string Purpose = AisleMetrics.ComplementsPurpose;

    private readonly LlmOptions _options = options.Value;
    private readonly KeptAnswers<IReadOnlyList<ComplementaryProducts>> _kept = new(MaxCached, options.Value.CacheLifetime, clock);

    public async ValueTask<IReadOnlyList<ComplementaryProducts>> ForAsync(string category, CancellationToken cancellationToken)
    {
        if (_kept.TryGet(category, out var kept))
        {
            AisleMetrics.LlmCacheHits.WithLabels(Purpose).Inc();
            return kept;
        }

        var (answer, failure) = await ModelBudget.WaitAsync(
            grains.GetGrain<IComplementsGrain>(category).ProposeAsync(), _options.Budget, clock, cancellationToken);
        if (answer is null)
        {
            AisleMetrics.LlmFallback(Purpose, failure);
            return [];
        }

        if (answer.Cached)
        {
            AisleMetrics.LlmCacheHits.WithLabels(Purpose).Inc();
        }

        if (answer.Outcome is LlmOutcome.Answered or LlmOutcome.UnknownCategory)
        {
            _kept.Keep(category, answer.Types);
        }

        if (answer.Outcome != LlmOutcome.Answered && !answer.Cached)
        {
            // A kept unusable answer is not a fresh fallback: the model was not asked again.
            AisleMetrics.LlmFallback(Purpose, answer.Outcome);
        }

        return answer.Types;
    }
}
