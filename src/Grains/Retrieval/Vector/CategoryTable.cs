using Aisle.Catalog;
using System.Collections.Concurrent;

namespace Aisle.Retrieval.Vector;

/// <summary>
/// Interns category paths to small ids so each row stores an int, and caches, per category filter value, which
/// ids it matches — a filter then costs one array lookup per row. Writers must be exclusive; readers may run
/// concurrently with each other.
/// </summary>
internal sealed class CategoryTable
{
    // Filter values come from user queries; bound the cache rather than let it grow without limit.
    private const int MaxCachedFilters = 4096;

    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string[]> _segments = [];
    private readonly ConcurrentDictionary<string, bool[]> _matches = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _segments.Count;

    /// <summary>The id of <paramref name="path"/>, adding it when new. Exclusive access required.</summary>
    public int Intern(string? path)
    {
        var segments = CategoryPath.Segments(path);
        var key = string.Join(" > ", segments);
        if (_ids.TryGetValue(key, out var id))
        {
            return id;
        }

        id = _segments.Count;
        _ids.Add(key, id);
        _segments.Add(segments);
        // Cached match arrays are sized to the old id range; rebuilding them lazily is cheap.
        _matches.Clear();
        return id;
    }

    /// <summary>For each category id, whether it lies under <paramref name="filter"/>.</summary>
    public bool[] Matches(string filter)
    {
        if (_matches.TryGetValue(filter, out var cached))
        {
            return cached;
        }

        var prefix = CategoryPath.Segments(filter);
        var matches = new bool[_segments.Count];
        for (var id = 0; id < matches.Length; id++)
        {
            matches[id] = CategoryPath.StartsWith(_segments[id], prefix);
        }

        if (_matches.Count >= MaxCachedFilters)
        {
            _matches.Clear();
        }

        _matches.TryAdd(filter, matches);
        return matches;
    }
}
