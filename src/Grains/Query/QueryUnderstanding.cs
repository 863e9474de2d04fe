using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Query;

/// <summary>
/// Rule-based query understanding: price phrases, a catalog brand, gender words and a category inferred from the
/// catalog's own words. Thread-safe and never throws on any input; queries longer than <see cref="MaxQueryChars"/>
/// are read only up to that length. A language-model parser can sit in front of it and fall back to it.
/// </summary>
public sealed class QueryUnderstanding(CatalogDictionary dictionary) : IQueryUnderstanding
{
    /// <summary>Only this much of a query is read.</summary>
    public const int MaxQueryChars = 512;

    /// <summary>Understood queries kept at once; a parse depends only on the text and this catalog's dictionary.</summary>
    public const int MaxCached = 20_000;

    private static readonly HashSet<string> GenderTerms = BuildGenderTerms();
    private readonly ConcurrentDictionary<string, ParsedQuery> _parsed = new(StringComparer.Ordinal);

    /// <summary>The catalog vocabulary the rules use.</summary>
    public CatalogDictionary Dictionary { get; } = dictionary ?? throw new ArgumentNullException(nameof(dictionary));

    /// <inheritdoc />
    public ValueTask<ParsedQuery> UnderstandAsync(string? query, CancellationToken cancellationToken) => new(Parse(query));

    /// <summary>Understands <paramref name="query"/>; a query with no signals comes back with its text unchanged (trimmed).</summary>
    public ParsedQuery Parse(string? query)
    {
        // Storefront queries repeat (pages, filters, the same popular words), and the rules cost tens of µs.
        var original = query ?? string.Empty;
        if (_parsed.TryGetValue(original, out var cached))
        {
            // The answer carries the caller's own text, as an uncached parse would.
            return ReferenceEquals(cached.Original, original) ? cached : cached with { Original = original };
        }

        var parsed = ParseUncached(original);
        if (_parsed.Count >= MaxCached)
        {
            // Crude but bounded: starting over is cheaper than tracking recency on every hit.
            _parsed.Clear();
        }

        _parsed[original] = parsed;
        return parsed;
    }

    private ParsedQuery ParseUncached(string original)
    {
        if (string.IsNullOrWhiteSpace(original))
        {
            return ParsedQuery.Unparsed(original);
        }

        var notes = new List<string>();
        var text = original;
        if (text.Length > MaxQueryChars)
        {
            var cut = char.IsHighSurrogate(text[MaxQueryChars - 1]) ? MaxQueryChars - 1 : MaxQueryChars;
            text = text[..cut];
            notes.Add($"query read up to {cut} characters");
        }

        var price = PricePhrases.Extract(text);
        var remaining = price.Min is null && price.Max is null ? text.Trim() : CollapseSpaces(price.RemainingText);
        switch (price.Min, price.Max)
        {
            case ({ } min, { } max):
                notes.Add($"price {Money(min)} to {Money(max)}");
                break;
            case (null, { } max):
                notes.Add($"price up to {Money(max)}");
                break;
            case ({ } min, null):
                notes.Add($"price from {Money(min)}");
                break;
        }

        var tokens = QueryTokens.Split(remaining);
        var brand = Dictionary.Brands.Match(tokens, out var brandStart, out var brandLength);
        if (brand is not null)
        {
            notes.Add($"brand {brand}");
        }

        var gender = Gender.None;
        for (var i = 0; i < tokens.Count; i++)
        {
            // Words inside a brand name ("Lady Bird") are not a gender.
            if (i >= brandStart && i < brandStart + brandLength)
            {
                continue;
            }

            if (Genders.Of(tokens[i]) is var named and not Gender.None)
            {
                gender = Genders.Combine(gender, named);
            }
        }

        if (gender != Gender.None)
        {
            notes.Add($"for {gender}");
        }

        var terms = TextAnalysis.Terms(remaining);
        var brandTerms = brand is null ? null : TextAnalysis.Terms(brand);
        terms.RemoveAll(t => GenderTerms.Contains(t) || (brandTerms?.Contains(t) ?? false) || IsNumber(t));
        var category = Dictionary.Categories.Infer(terms, gender);
        if (category is not null)
        {
            notes.Add($"category {category.Path}");
        }

        return new ParsedQuery(original, remaining, price.Min, price.Max, brand, category?.Path, gender, notes)
        {
            CategoryCertain = category is { Share: >= CategoryInference.CertainShare },
            BrandCertain = brand is not null && Dictionary.Brands.IsCertain(brand),
        };
    }

    private static HashSet<string> BuildGenderTerms()
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Genders.AllWords)
        {
            foreach (var term in TextAnalysis.Terms(word))
            {
                terms.Add(term);
            }
        }

        return terms;
    }

    private static bool IsNumber(string term)
    {
        foreach (var c in term)
        {
            if (!char.IsDigit(c) && c != '.' && c != ',')
            {
                return false;
            }
        }

        return true;
    }

    private static string Money(double amount) => "₹" + amount.ToString("0.##", CultureInfo.InvariantCulture);

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
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

            builder.Append(c);
        }

        return builder.ToString();
    }
}
