using System.Text;
using Aisle.Observability;
using Aisle.Query;

namespace Aisle.Llm;

/// <summary>
/// Query understanding by the model, within a budget, over the rules. The rules parse first (microseconds) and are the
/// answer whenever the model's is not there in time: slow, down, rate-limited, malformed, naming a category or brand
/// the catalog lacks, or the circuit open. Answers are kept per normalised text in this silo (no grain call for a
/// popular search) and in the cluster (<see cref="IQueryInterpretationGrain"/>), so a search waits for the model at
/// most once per text and cluster. Never throws but for the caller's own cancellation.
/// </summary>
public sealed class LlmQueryUnderstanding(QueryUnderstanding rules, IGrainFactory grains, LlmOptions options, TimeProvider clock)
    : IQueryUnderstanding
{
    /// <summary>Texts kept in this silo's front cache at once.</summary>
    public const int MaxCached = 20_000;

    /// <summary>Only this much of a query is sent to the model (and keys its cache).</summary>
    public const int MaxQueryChars = 256;

    private const string Purpose = AisleMetrics.QueryUnderstandingPurpose;

    private readonly KeptAnswers<Interpretation> _kept = new(MaxCached, options.CacheLifetime, clock);

    public ValueTask<ParsedQuery> UnderstandAsync(string? query, CancellationToken cancellationToken)
    {
        var parsed = rules.Parse(query);
        if (string.IsNullOrWhiteSpace(parsed.Text))
        {
            // Nothing but a price ("under 500"): there is nothing for the model to read.
            return new(parsed);
        }

        var key = Normalise(query!);
        if (_kept.TryGet(key, out var kept))
        {
            AisleMetrics.LlmCacheHits.WithLabels(Purpose).Inc();
            return new(Apply(parsed, kept));
        }

        return new(AskAsync(parsed, key, cancellationToken));
    }

    /// <summary>The cache key of a query: lower case, single spaces, trimmed, at most <see cref="MaxQueryChars"/>.</summary>
    public static string Normalise(string query)
    {
        var builder = new StringBuilder(Math.Min(query.Length, MaxQueryChars));
        var space = false;
        foreach (var c in query)
        {
            if (builder.Length >= MaxQueryChars)
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private async Task<ParsedQuery> AskAsync(ParsedQuery parsed, string key, CancellationToken cancellationToken)
    {
        // On a timeout the call goes on in the grain, and its answer will serve the next search of these words; calls
        // abandoned at their own deadline count in LlmTimeouts there.
        var (answer, failure) = await ModelBudget.WaitAsync(
            grains.GetGrain<IQueryInterpretationGrain>(key).InterpretAsync(), options.Budget, clock, cancellationToken);
        if (answer is null)
        {
            return Fallback(parsed, failure);
        }

        if (answer.Cached)
        {
            AisleMetrics.LlmCacheHits.WithLabels(Purpose).Inc();
        }

        if (answer.Outcome is LlmOutcome.Answered or LlmOutcome.UnknownCategory or LlmOutcome.UnknownBrand)
        {
            _kept.Keep(key, answer);
        }

        // A kept unusable reading is not a fresh fallback: the model was not asked again.
        return answer.Outcome == LlmOutcome.Answered || answer.Cached ? Apply(parsed, answer) : Fallback(parsed, answer.Outcome);
    }

    private static ParsedQuery Fallback(ParsedQuery parsed, LlmOutcome outcome)
    {
        AisleMetrics.LlmFallback(Purpose, outcome);
        return parsed;
    }

    /// <summary>The model's reading over the rules' parse; a kept unusable reading leaves the rules' parse as it is.</summary>
    private ParsedQuery Apply(ParsedQuery parsed, Interpretation answer) =>
        answer is { Outcome: LlmOutcome.Answered, Reading: { } reading } ? InterpretationMerge.Merge(parsed, reading, options) with { UnderstoodBy = options.Model } : parsed;
}
