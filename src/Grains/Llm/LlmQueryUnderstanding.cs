using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, (Interpretation Answer, DateTimeOffset Until)> _kept = new(StringComparer.Ordinal);

    public ValueTask<ParsedQuery> UnderstandAsync(string? query, CancellationToken cancellationToken)
    {
        var parsed = rules.Parse(query);
        if (string.IsNullOrWhiteSpace(parsed.Text))
        {
            // Nothing but a price ("under 500"): there is nothing for the model to read.
            return new(parsed);
        }

        var key = Normalise(query!);
        if (_kept.TryGetValue(key, out var kept) && clock.GetUtcNow() < kept.Until)
        {
            AisleMetrics.LlmCacheHits.WithLabels(Purpose).Inc();
            return new(Apply(parsed, kept.Answer));
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
        Interpretation answer;
        try
        {
            answer = await grains.GetGrain<IQueryInterpretationGrain>(key).InterpretAsync().WaitAsync(options.Budget, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The budget is spent (a fallback, reason timeout); the call goes on in the grain, and its answer will
            // serve the next search of these words. Calls abandoned at their own deadline count in LlmTimeouts there.
            return Fallback(parsed, LlmOutcome.Timeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            // A silo going away mid-call, a grain that failed to activate: the shopper still gets the rules.
            return Fallback(parsed, LlmOutcome.Failed);
        }

        if (answer.Cached)
        {
            AisleMetrics.LlmCacheHits.WithLabels(Purpose).Inc();
        }

        if (answer.Outcome is LlmOutcome.Answered or LlmOutcome.UnknownCategory or LlmOutcome.UnknownBrand)
        {
            Keep(key, answer);
        }

        // A kept unusable reading is not a fresh fallback: the model was not asked again.
        return answer.Outcome == LlmOutcome.Answered || answer.Cached ? Apply(parsed, answer) : Fallback(parsed, answer.Outcome);
    }

    private void Keep(string key, Interpretation answer)
    {
        if (_kept.Count >= MaxCached)
        {
            // As the rules' cache: starting over is cheaper than tracking recency on every hit.
            _kept.Clear();
        }

        _kept[key] = (answer, clock.GetUtcNow() + options.CacheLifetime);
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
