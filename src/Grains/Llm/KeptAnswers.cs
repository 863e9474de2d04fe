using System.Collections.Concurrent;

namespace Aisle.Llm;

/// <summary>
/// A silo's front cache of model answers by key, each kept for a lifetime: popular keys are answered without a grain
/// call. Bounded the way the rules' cache is: when full it starts over, which is cheaper than tracking recency on every hit.
/// </summary>
public sealed class KeptAnswers<T>(int capacity, TimeSpan lifetime, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (T Answer, DateTimeOffset Until)> _kept = new(StringComparer.Ordinal);

    public bool TryGet(string key, out T answer)
    {
        if (_kept.TryGetValue(key, out var kept) && clock.GetUtcNow() < kept.Until)
        {
            answer = kept.Answer;
            return true;
        }

        answer = default!;
        return false;
    }

    public void Keep(string key, T answer)
    {
        if (_kept.Count >= capacity)
        {
            _kept.Clear();
        }

        _kept[key] = (answer, clock.GetUtcNow() + lifetime);
    }
}
