using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Query;

/// <summary>
/// Infers a category from query words using what the catalog knows: its category tree with product counts and, per
/// analysed word, which products the word describes. Built once from the products; immutable and thread-safe.
/// </summary>
public sealed class CategoryInference
{
    /// <summary>Top-level categories with fewer products are crawl debris (a product name where a tree should be).</summary>
    public const int MinCategoryProducts = 10;

    /// <summary>A top-level category is inferred only when it holds at least this share of the matching products.</summary>
    public const double DominantShare = 0.6;

    /// <summary>A guess filters only when its top-level category holds at least this share of the matching products;
    /// a weaker one boosts the category instead, so it can neither empty a page nor hide the obvious matches.</summary>
    public const double CertainShare = 0.9;

    // A word narrows a guess only while at least this many products still match.
    private const int MinSupport = 3;

    // A word counts as a category word when at least this share of the products it matches carry it in their
    // category path: "shoes" and "watch" do, "red" and "cotton" (names only) do not.
    private const double MinCategoryUse = 0.1;

    private readonly Dictionary<string, CategoryWord> _words;
    private readonly string[] _level1Names;
    private readonly string[] _level2Paths;
    private readonly int[] _level2Parent;
    private readonly Gender[] _level2Audience;
    private readonly int[] _level1Of;
    private readonly int[] _level2Of;

    private CategoryInference(
        Dictionary<string, CategoryWord> words,
        string[] level1Names,
        string[] level2Paths,
        int[] level2Parent,
        int[] level1Of,
        int[] level2Of,
        IReadOnlyDictionary<string, int> categories)
    {
        _words = words;
        _level1Names = level1Names;
        _level2Paths = level2Paths;
        _level2Parent = level2Parent;
        _level2Audience = level2Paths.Select(AudienceOf).ToArray();
        _level1Of = level1Of;
        _level2Of = level2Of;
        Paths = categories;
    }

    /// <summary>Category path prefixes of one and two levels (<c>A</c>, <c>A &gt; B</c>) with product counts.</summary>
    public IReadOnlyDictionary<string, int> Paths { get; }

    public static CategoryInference Build(IReadOnlyList<Product> products)
    {
        var all = products as List<Product> ?? [.. products];
        var (level1Names, level2Paths, level2Parent, level1Of, level2Of, categories) = BuildCategories(all);
        var words = BuildWords(all, level1Of, level1Names.Length);
        return new CategoryInference(words, level1Names, level2Paths, level2Parent, level1Of, level2Of, categories);
    }

    /// <summary>
    /// Infers a category from analysed query terms (see <see cref="TextAnalysis"/>). Terms are taken most telling first;
    /// each narrows the matching products while some remain. The top-level category holding at least
    /// <see cref="DominantShare"/> of them is the guess; it is narrowed to the child for <paramref name="gender"/>
    /// ("Footwear &gt; Men's Footwear") when the matches include that child, else to a dominant child of no other
    /// audience. Null when no term is a category word or no category dominates.
    /// </summary>
    public CategoryGuess? Infer(IReadOnlyList<string> terms, Gender gender)
    {
        var candidates = new List<(string Term, CategoryWord Word)>();
        foreach (var term in terms)
        {
            if (_words.TryGetValue(term, out var word) && !candidates.Exists(c => c.Term == term))
            {
                candidates.Add((term, word));
            }
        }

        if (candidates.Count == 0 || _level1Names.Length == 0)
        {
            return null;
        }

        // Stable: equally focused words keep query order.
        var ordered = candidates.OrderByDescending(c => c.Word.Focus).ToList();
        var matches = ordered[0].Word.Products;
        var used = new List<string> { ordered[0].Term };
        for (var i = 1; i < ordered.Count; i++)
        {
            var narrowed = Intersect(matches, ordered[i].Word.Products);
            if (narrowed.Length >= MinSupport)
            {
                matches = narrowed;
                used.Add(ordered[i].Term);
            }
        }

        var level1Counts = new int[_level1Names.Length];
        foreach (var product in matches)
        {
            level1Counts[_level1Of[product]]++;
        }

        var top = ArgMax(level1Counts);
        var share = (double)level1Counts[top] / matches.Length;
        if (share < DominantShare)
        {
            return null;
        }

        var level2Counts = new int[_level2Paths.Length];
        var inTop = level1Counts[top];
        foreach (var product in matches)
        {
            if (_level1Of[product] == top && _level2Of[product] >= 0)
            {
                level2Counts[_level2Of[product]]++;
            }
        }

        var audience = AudienceForGender(gender);
        if (audience != Gender.None)
        {
            for (var child = 0; child < _level2Paths.Length; child++)
            {
                if (_level2Parent[child] == top && _level2Audience[child] == audience && level2Counts[child] > 0)
                {
                    return new CategoryGuess(_level2Paths[child], used, share);
                }
            }
        }

        if (_level2Paths.Length == 0)
        {
            return new CategoryGuess(_level1Names[top], used, share);
        }

        var best = ArgMax(level2Counts);
        var bestAudience = _level2Audience[best];
        if (level2Counts[best] > 0 && level2Counts[best] >= DominantShare * inTop && (audience == Gender.None || bestAudience == Gender.None || bestAudience == audience))
        {
            return new CategoryGuess(_level2Paths[best], used, share);
        }

        return new CategoryGuess(_level1Names[top], used, share);
    }

    private static (string[] Level1Names, string[] Level2Paths, int[] Level2Parent, int[] Level1Of, int[] Level2Of, IReadOnlyDictionary<string, int> Categories)
        BuildCategories(List<Product> products)
    {
        var level1Counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            if (product.CategoryPath is { Count: > 0 } path && !string.IsNullOrWhiteSpace(path[0]))
            {
                level1Counts[path[0]] = level1Counts.GetValueOrDefault(path[0]) + 1;
            }
        }

        var level1Index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, count) in level1Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            if (count >= MinCategoryProducts)
            {
                level1Index[name] = level1Index.Count;
            }
        }

        var level2Index = new Dictionary<string, int>(StringComparer.Ordinal);
        var level2Parent = new List<int>();
        var categories = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var level1Of = new int[products.Count];
        var level2Of = new int[products.Count];
        for (var p = 0; p < products.Count; p++)
        {
            level1Of[p] = -1;
            level2Of[p] = -1;
            var path = products[p].CategoryPath;
            if (path is not { Count: > 0 } || !level1Index.TryGetValue(path[0], out var l1))
            {
                continue;
            }

            level1Of[p] = l1;
            categories[path[0]] = categories.GetValueOrDefault(path[0]) + 1;
            if (path.Count < 2 || string.IsNullOrWhiteSpace(path[1]))
            {
                continue;
            }

            var prefix = path[0] + " > " + path[1];
            if (!level2Index.TryGetValue(prefix, out var l2))
            {
                l2 = level2Index.Count;
                level2Index.Add(prefix, l2);
                level2Parent.Add(l1);
            }

            level2Of[p] = l2;
            categories[prefix] = categories.GetValueOrDefault(prefix) + 1;
        }

        return (level1Index.Keys.ToArray(), level2Index.Keys.ToArray(), level2Parent.ToArray(), level1Of, level2Of, categories);
    }

    private static Dictionary<string, CategoryWord> BuildWords(List<Product> products, int[] level1Of, int level1Count)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var categoryUse = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new List<string>(64);
        for (var p = 0; p < products.Count; p++)
        {
            if (level1Of[p] < 0)
            {
                continue;
            }

            terms.Clear();
            TextAnalysis.AddTerms(string.Join(" . ", products[p].CategoryPath), terms, 64);
            foreach (var term in terms)
            {
                categoryUse[term] = categoryUse.GetValueOrDefault(term) + 1;
            }

            TextAnalysis.AddTerms(products[p].Name, terms, 96);
            foreach (var term in terms)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    list = [];
                    postings.Add(term, list);
                }

                list.Add(p);
            }
        }

        var words = new Dictionary<string, CategoryWord>(StringComparer.Ordinal);
        var counts = new int[level1Count];
        foreach (var (term, uses) in categoryUse)
        {
            var matched = postings[term];
            if (uses < MinSupport || uses < MinCategoryUse * matched.Count || term.All(char.IsDigit))
            {
                continue;
            }

            Array.Clear(counts);
            foreach (var product in matched)
            {
                counts[level1Of[product]]++;
            }

            words[term] = new CategoryWord(matched.ToArray(), (double)counts.Max() / matched.Count);
        }

        return words;
    }

    // The audience a second-level category is for, from its own words: "Men's Footwear" → Men.
    private static Gender AudienceOf(string level2Path)
    {
        var segment = level2Path[(level2Path.IndexOf(" > ", StringComparison.Ordinal) + 3)..];
        var audience = Gender.None;
        foreach (var token in QueryTokens.Split(segment))
        {
            var gender = Genders.Of(token);
            if (gender != Gender.None)
            {
                audience = Genders.Combine(audience, AudienceForGender(gender) is var forAudience and not Gender.None ? forAudience : gender);
            }
        }

        return audience;
    }

    // Boys' and girls' products sit under the kids' categories of this catalog.
    private static Gender AudienceForGender(Gender gender) => gender switch
    {
        Gender.Boys or Gender.Girls or Gender.Kids => Gender.Kids,
        Gender.Unisex => Gender.None,
        _ => gender,
    };

    private static int ArgMax(int[] counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int[] Intersect(int[] a, int[] b)
    {
        var result = new List<int>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (a[i] > b[j])
            {
                j++;
            }
            else
            {
                result.Add(a[i]);
                i++;
                j++;
            }
        }

        return result.ToArray();
    }

    /// <summary>Products (ordinals, ascending) an analysed word describes, and the top-level share among them.</summary>
    private sealed record CategoryWord(int[] Products, double Focus);
}
