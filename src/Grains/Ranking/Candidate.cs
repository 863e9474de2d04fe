namespace Aisle.Ranking;

/// <summary>A product proposed by one or more candidate sources, before filtering and scoring.</summary>
public sealed class Candidate(int row)
{
    public int Row { get; } = row;

    /// <summary>Retrieval strength in [0, 1]: the best normalised score any source gave it.</summary>
    public double Relevance { get; set; }

    public List<string> Sources { get; } = new(2);

    /// <summary>Name of the product that led to this one ("because you viewed …"), when a source knows it.</summary>
    public string? BecauseOf { get; set; }
}

/// <summary>Merges candidates from several sources, keeping each product once with every source that proposed it.</summary>
public sealed class CandidateSet
{
    private readonly Dictionary<int, Candidate> _byRow = new();

    public IReadOnlyCollection<Candidate> All => _byRow.Values;

    public int Count => _byRow.Count;

    public bool Contains(int row) => _byRow.ContainsKey(row);

    /// <summary>Adds one already-scored product (e.g. a fused hit) with the sources that proposed it.</summary>
    public void Add(int row, double relevance, IEnumerable<string> sources, string? becauseOf = null)
    {
        var candidate = Get(row);
        if (becauseOf is not null && (candidate.BecauseOf is null || relevance > candidate.Relevance))
        {
            candidate.BecauseOf = becauseOf;
        }

        foreach (var source in sources)
        {
            if (!candidate.Sources.Contains(source))
            {
                candidate.Sources.Add(source);
            }
        }

        candidate.Relevance = Math.Max(candidate.Relevance, relevance);
    }

    /// <summary>Adds <paramref name="relevance"/> to the product's relevance from other sources (a blend, where
    /// <see cref="Add(int, double, IEnumerable{string}, string?)"/> keeps the strongest source).</summary>
    public void Raise(int row, double relevance, IEnumerable<string> sources)
    {
        var candidate = Get(row);
        foreach (var source in sources)
        {
            if (!candidate.Sources.Contains(source))
            {
                candidate.Sources.Add(source);
            }
        }

        candidate.Relevance += relevance;
    }

    /// <summary>Adds a ranked list from one source; relevance is the source's score over its best score.</summary>
    /// <param name="weight">Scales the normalised relevance (a secondary source proposes, it does not outrank).</param>
    public void Add(string source, IReadOnlyList<(int Row, double Score)> ranked, string? becauseOf = null, double weight = 1.0)
    {
        if (ranked.Count == 0)
        {
            return;
        }

        var best = 0.0;
        foreach (var (_, score) in ranked)
        {
            best = Math.Max(best, score);
        }

        foreach (var (row, score) in ranked)
        {
            var relevance = best > 0 ? weight * score / best : 0;
            var candidate = Get(row);
            if (!candidate.Sources.Contains(source))
            {
                candidate.Sources.Add(source);
            }

            if (relevance > candidate.Relevance)
            {
                candidate.Relevance = relevance;
                candidate.BecauseOf = becauseOf ?? candidate.BecauseOf;
            }
        }
    }

    private Candidate Get(int row)
    {
        if (!_byRow.TryGetValue(row, out var candidate))
        {
            candidate = new Candidate(row);
            _byRow[row] = candidate;
        }

        return candidate;
    }
}
