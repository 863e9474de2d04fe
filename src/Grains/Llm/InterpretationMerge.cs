using System.Globalization;
using Aisle.Catalog;
using Aisle.Query;

namespace Aisle.Llm;

/// <summary>
/// Lays the model's reading over the rules' parse. Exact rules win where they found something: a price phrase, a gender
/// word. The model's category, brand, product type, attributes and proposals are added; its category or brand filters
/// only when it is confident (<see cref="LlmOptions.CertainConfidence"/>) and, for a brand, the shopper typed it.
/// </summary>
public static class InterpretationMerge
{
    public static ParsedQuery Merge(ParsedQuery rules, QueryInterpretation reading, LlmOptions options)
    {
        var confident = reading.Confidence >= options.CertainConfidence;
        var notes = new List<string>(rules.Notes);
        notes.Add($"understood by {options.Model} (confidence {reading.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        if (reading.ProductType is { } type)
        {
            notes.Add($"product type {type}");
        }

        if (!string.Equals(reading.Keywords, rules.Text, StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"keywords \"{reading.Keywords}\"");
        }

        var (brand, brandCertain) = rules.Brand is not null
            ? (rules.Brand, rules.BrandCertain)
            : (reading.Brand, reading.Brand is not null && confident && Typed(rules.Original, reading.Brand));
        if (rules.Brand is null && brand is not null)
        {
            notes.Add($"brand {brand}");
        }

        var (category, categoryCertain) = reading.Category is not null
            ? (reading.Category, confident)
            : (rules.Category, rules.CategoryCertain);
        if (reading.Category is not null && reading.Category != rules.Category)
        {
            notes.Add($"category {reading.Category}");
        }

        var (min, max) = rules.MinPrice is not null || rules.MaxPrice is not null ? (rules.MinPrice, rules.MaxPrice) : (reading.MinPrice, reading.MaxPrice);
        var gender = rules.Gender != Gender.None ? rules.Gender : Genders.Parse(reading.Gender);
        foreach (var (name, value) in new[] { ("colour", reading.Attributes.Colour), ("size", reading.Attributes.Size), ("material", reading.Attributes.Material) })
        {
            if (value is not null)
            {
                notes.Add($"{name} {value}");
            }
        }

        return rules with
        {
            MinPrice = min,
            MaxPrice = max,
            Brand = brand,
            Category = category,
            Gender = gender,
            Notes = notes,
            BrandCertain = brandCertain,
            CategoryCertain = categoryCertain,
            ProductType = reading.ProductType,
            Attributes = reading.Attributes,
            NamesNeed = reading.NamesNeed,
            Proposals = reading.Proposals,
            Keywords = reading.Keywords,
        };
    }

    /// <summary>True when every word of <paramref name="brand"/> is among the query's words.</summary>
    private static bool Typed(string query, string brand)
    {
        var words = QueryTokens.Split(query);
        return QueryTokens.Split(brand).All(words.Contains);
    }
}
