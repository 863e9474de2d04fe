namespace Aisle.Cli.Simulation;

/// <summary>
/// The decisions of one simulated shopper, who walks a real customer's purchase lines in time order. At each line it
/// asks for its recommendations (10 items):
/// <list type="bullet">
/// <item>the line's product is in the list → it clicks, adds to cart and buys it (the data's quantity) with that
/// list's request id, so the purchase counts for the experiment variant that served the list;</item>
/// <item>otherwise, with chance <see cref="ShopperBehaviour.SearchShare"/>, it searches for 2–3 consecutive words of the
/// product's name (with its user id); found in the top 10 → view and purchase with the search's request id (search is
/// not in the experiment, so this is not attributed);</item>
/// <item>still not found → with chance <see cref="ShopperBehaviour.LeaveShare"/> it leaves for good; otherwise it bought
/// the item elsewhere, and a plain view of it (no request id) still teaches its profile; on to the next line.</item>
/// </list>
/// Every random choice comes from a generator seeded by the run's seed and the shopper id, so given the lists Aisle
/// answers, a shopper decides the same way in every run with that seed, whatever the concurrency. Pure: no I/O.
/// </summary>
public sealed class ShopperWalk(string shopperId, ShopperScript script, ShopperBehaviour behaviour, int seed)
{
    private readonly Random _random = new(MixSeed(seed, shopperId));
    private int _next;

    public string ShopperId { get; } = shopperId;

    public ShopperScript Script { get; } = script;

    /// <summary>The line the shopper wants next, or null when its walk is over (every line done, or it left).</summary>
    public ScriptLine? Current => _next < Script.Lines.Count ? Script.Lines[_next] : null;

    /// <summary>Having been shown <paramref name="recommended"/> (product ids, in order) for <see cref="Current"/>.</summary>
    public StepOutcome AfterRecommendations(IReadOnlyList<string> recommended)
    {
        var line = Current ?? throw new InvalidOperationException("The walk is over.");
        if (recommended.Contains(line.ProductId, StringComparer.Ordinal))
        {
            _next++;
            return StepOutcome.BuyFromRecommendations;
        }

        return _random.NextDouble() < behaviour.SearchShare ? StepOutcome.Search : Miss();
    }

    /// <summary>Having searched for <see cref="Current"/> and been shown <paramref name="found"/>.</summary>
    public StepOutcome AfterSearch(IReadOnlyList<string> found)
    {
        var line = Current ?? throw new InvalidOperationException("The walk is over.");
        if (found.Contains(line.ProductId, StringComparer.Ordinal))
        {
            _next++;
            return StepOutcome.BuyFromSearch;
        }

        return Miss();
    }

    /// <summary>What the shopper types to find <see cref="Current"/>: 2 or 3 consecutive words of its name (words of two
    /// letters or more; the whole name when it is shorter).</summary>
    public string SearchQuery()
    {
        var line = Current ?? throw new InvalidOperationException("The walk is over.");
        var words = line.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Count(char.IsLetterOrDigit) >= 2)
            .ToArray();
        if (words.Length <= 2)
        {
            return words.Length == 0 ? line.Name : string.Join(' ', words);
        }

        var count = Math.Min(words.Length, _random.Next(2, 4));
        var start = _random.Next(0, words.Length - count + 1);
        return string.Join(' ', words, start, count);
    }

    private StepOutcome Miss()
    {
        if (_random.NextDouble() < behaviour.LeaveShare)
        {
            _next = Script.Lines.Count;
            return StepOutcome.Leave;
        }

        _next++;
        return StepOutcome.ViewElsewhere;
    }

    /// <summary>A stable seed from the run's seed and the shopper id (FNV-1a; string.GetHashCode varies per process).</summary>
    public static int MixSeed(int seed, string shopperId)
    {
        var h = 14695981039346656037UL ^ (uint)seed;
        foreach (var c in shopperId)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return (int)(h ^ (h >> 32));
    }
}
