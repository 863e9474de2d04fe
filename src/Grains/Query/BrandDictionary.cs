using Aisle.Catalog;

namespace Aisle.Query;

/// <summary>
/// The brands a query may name, as the catalog spells them, and how to find the longest one named in a run of query
/// tokens. Built once from the products; immutable and thread-safe.
/// </summary>
public sealed class BrandDictionary
{
    /// <summary>A brand named in a query filters only when at least this share of the products naming its most telling
    /// word are its own; below that, naming the word is a guess that boosts the brand.</summary>
    public const double CertainPurity = 0.8;

    private const int MaxBrandTokens = 6;

    private static readonly HashSet<string> NonBrandWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "for", "of", "with", "in", "on", "by", "to", "my", "your", "new", "and", "or",
    };

    private readonly Dictionary<string, KnownBrand> _brandsByKey;
    private readonly int _longestBrand;

    private BrandDictionary(Dictionary<string, KnownBrand> brandsByKey)
    {
        _brandsByKey = brandsByKey;
        var brands = new Dictionary<string, KnownBrand>(brandsByKey.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, brand) in brandsByKey)
        {
            brands[brand.Name] = brand;
            _longestBrand = Math.Max(_longestBrand, key.Count(c => c == ' ') + 1);
        }

        Known = brands;
    }

    /// <summary>Brands a query may name, by their catalog spelling (case-insensitive keys).</summary>
    public IReadOnlyDictionary<string, KnownBrand> Known { get; }

    /// <summary>
    /// Builds the dictionary. A catalog brand is kept only when it reads like a brand: most of its products carry it in
    /// their name (this drops colour and fit values that the source put in the brand column, such as "Black" or
    /// "Regular Fit"), and at least one of its words is not used more by products of other brands than by its own (this drops
    /// generic phrases such as "Fashion Jewellery", and "HP" where most mentions are compatible accessories).
    /// </summary>
    public static BrandDictionary Build(IReadOnlyList<Product> products) => new(BuildBrands(products as List<Product> ?? [.. products]));

    /// <summary>True when <paramref name="brand"/> (any spelling case) names a known brand whose mention is certain
    /// enough to filter by.</summary>
    public bool IsCertain(string brand) => Known.TryGetValue(brand, out var known) && known.Certain;

    /// <summary>
    /// The longest run of <paramref name="tokens"/> (in <see cref="QueryTokens"/> form) that names a brand; the first
    /// such run when several are equally long. Null when none does.
    /// </summary>
    public string? Match(IReadOnlyList<string> tokens, out int start, out int length)
    {
        start = -1;
        length = 0;
        for (var n = Math.Min(_longestBrand, tokens.Count); n >= 1; n--)
        {
            for (var i = 0; i + n <= tokens.Count; i++)
            {
                var key = n == 1 ? tokens[i] : JoinRun(tokens, i, n);
                if (_brandsByKey.TryGetValue(key, out var brand))
                {
                    start = i;
                    length = n;
                    return brand.Name;
                }
            }
        }

        return null;
    }

    private static Dictionary<string, KnownBrand> BuildBrands(List<Product> products)
    {
        var groups = new Dictionary<string, BrandGroup>(StringComparer.Ordinal);
        var brandOf = new BrandGroup?[products.Count];
        for (var p = 0; p < products.Count; p++)
        {
            var product = products[p];
            if (string.IsNullOrWhiteSpace(product.Brand))
            {
                continue;
            }

            var tokens = QueryTokens.Split(product.Brand);
            if (tokens.Count == 0 || tokens.Count > MaxBrandTokens)
            {
                continue;
            }

            var key = string.Join(' ', tokens);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new BrandGroup(tokens.ToArray());
                groups.Add(key, group);
            }

            brandOf[p] = group;
            group.Count++;
            group.Spellings[product.Brand.Trim()] = group.Spellings.GetValueOrDefault(product.Brand.Trim()) + 1;
            if (ContainsRun(QueryTokens.Split(product.Name, 64), group.Tokens))
            {
                group.InName++;
            }
        }

        var brandWords = new HashSet<string>(groups.Values.SelectMany(g => g.Tokens), StringComparer.Ordinal);
        var usage = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < products.Count; p++)
        {
            // An unbranded product that names a brand is most likely of that brand, not a competing use of the word.
            if (string.IsNullOrWhiteSpace(products[p].Brand))
            {
                continue;
            }

            seen.Clear();
            foreach (var token in QueryTokens.Split(products[p].Name, 64))
            {
                seen.Add(token);
            }

            foreach (var segment in products[p].CategoryPath ?? [])
            {
                foreach (var token in QueryTokens.Split(segment))
                {
                    seen.Add(token);
                }
            }

            foreach (var token in seen)
            {
                if (!brandWords.Contains(token))
                {
                    continue;
                }

                usage[token] = usage.GetValueOrDefault(token) + 1;
                if (brandOf[p] is { } own && Array.IndexOf(own.Tokens, token) >= 0)
                {
                    own.OwnUse[token] = own.OwnUse.GetValueOrDefault(token) + 1;
                }
            }
        }

        var brands = new Dictionary<string, KnownBrand>(StringComparer.Ordinal);
        foreach (var (key, group) in groups)
        {
            if (group.InName * 2 < group.Count || !HasDistinctiveWord(group, usage))
            {
                continue;
            }

            var name = group.Spellings.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
            brands[key] = new KnownBrand(name, group.Count, Purity(group, usage) >= CertainPurity);
        }

        return brands;
    }

    private static bool HasDistinctiveWord(BrandGroup group, Dictionary<string, int> usage)
    {
        foreach (var token in group.Tokens)
        {
            if (token.Length < 2 || token.All(char.IsDigit) || NonBrandWords.Contains(token) || Genders.Of(token) != Gender.None)
            {
                continue;
            }

            var byOthers = usage.GetValueOrDefault(token) - group.OwnUse.GetValueOrDefault(token);
            if (byOthers <= group.Count)
            {
                return true;
            }
        }

        return false;
    }

    // The share of the products naming the brand's most telling word that are the brand's own: "Nike" near 1,
    // "Sun" (sun glasses, sun screen of other brands) far lower.
    private static double Purity(BrandGroup group, Dictionary<string, int> usage)
    {
        var best = 0.0;
        foreach (var token in group.Tokens)
        {
            if (usage.GetValueOrDefault(token) is > 0 and var uses)
            {
                best = Math.Max(best, (double)group.OwnUse.GetValueOrDefault(token) / uses);
            }
        }

        return best;
    }

    private static string JoinRun(IReadOnlyList<string> tokens, int start, int count)
    {
        var length = count - 1;
        for (var i = start; i < start + count; i++)
        {
            length += tokens[i].Length;
        }

        return string.Create(length, (tokens, start, count), static (span, state) =>
        {
            var at = 0;
            for (var i = state.start; i < state.start + state.count; i++)
            {
                if (i > state.start)
                {
                    span[at++] = ' ';
                }

                state.tokens[i].AsSpan().CopyTo(span[at..]);
                at += state.tokens[i].Length;
            }
        });
    }

    private static bool ContainsRun(List<string> tokens, string[] run)
    {
        for (var i = 0; i + run.Length <= tokens.Count; i++)
        {
            var j = 0;
            while (j < run.Length && tokens[i + j] == run[j])
            {
                j++;
            }

            if (j == run.Length)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class BrandGroup(string[] tokens)
    {
        public string[] Tokens { get; } = tokens;

        public int Count { get; set; }

        public int InName { get; set; }

        public Dictionary<string, int> Spellings { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> OwnUse { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A brand of the catalog as queries may name it.</summary>
/// <param name="Name">The catalog's most common spelling.</param>
/// <param name="Count">Products of the brand.</param>
/// <param name="Certain">Whether naming it is certain enough to filter by (see <see cref="BrandDictionary.CertainPurity"/>).</param>
public sealed record KnownBrand(string Name, int Count, bool Certain);
