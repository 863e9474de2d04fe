using System.Text.RegularExpressions;
using Aisle.Ranking;

namespace Aisle.Experiments;

/// <summary>
/// Turns specs into definitions, collecting every problem under the name of the field that has it
/// (<c>variants[1].weight</c>, <c>status</c>…), so an admin sees all of them at once.
/// </summary>
public static partial class ExperimentValidator
{
    public const int MaxVariants = 10;

    /// <summary>Validates one spec; <paramref name="prefix"/> is put before every field name ("" or "experiments[2].").</summary>
    public static ExperimentDefinition? Validate(ExperimentSpec spec, IDictionary<string, List<string>> errors, string prefix = "")
    {
        var before = errors.Count;
        if (spec.Name is null || !NamePattern().IsMatch(spec.Name))
        {
            Add(errors, prefix + "name", "name is required: 1–40 of a-z, 0-9 and '-', starting with a letter or digit.");
        }

        var salt = string.IsNullOrWhiteSpace(spec.Salt) ? spec.Name ?? "" : spec.Salt.Trim();
        if (salt.Length > 100)
        {
            Add(errors, prefix + "salt", "salt is at most 100 characters.");
        }

        var status = ParseEnum(spec.Status, ExperimentStatus.Draft, prefix + "status", errors);
        var surface = ParseEnum(spec.Surface, ExperimentSurface.All, prefix + "surface", errors);
        var holdout = spec.HoldoutPercent ?? 0;
        if (!double.IsFinite(holdout) || holdout is < 0 or > 50)
        {
            Add(errors, prefix + "holdoutPercent", "holdoutPercent must be from 0 to 50.");
        }

        var window = spec.AttributionWindow ?? ExperimentDefinition.DefaultAttributionWindow;
        if (window <= TimeSpan.Zero || window > TimeSpan.FromDays(90))
        {
            Add(errors, prefix + "attributionWindow", "attributionWindow must be positive and at most 90 days.");
        }

        var variants = new List<ExperimentVariant>();
        var specs = spec.Variants ?? [];
        if (specs.Count is < 2 or > MaxVariants)
        {
            Add(errors, prefix + "variants", $"An experiment needs 2 to {MaxVariants} variants; the first is the control.");
        }

        for (var i = 0; i < specs.Count; i++)
        {
            var at = $"{prefix}variants[{i}]";
            if (specs[i] is not { } v)
            {
                // JSON `null` in the array: refused like any other bad field, not a null reference (a 500).
                Add(errors, at, "A variant must be an object with a name and a weight.");
                continue;
            }

            if (v.Name is null || !VariantPattern().IsMatch(v.Name) || v.Name == ExperimentDefinition.Holdout)
            {
                Add(errors, at + ".name", "name is required: 1–40 of a-z, 0-9, '-' and '_', and not 'holdout'.");
            }
            else if (variants.Any(x => x.Name == v.Name))
            {
                Add(errors, at + ".name", $"Variant '{v.Name}' appears twice.");
            }

            if (v.Weight is not { } weight || !double.IsFinite(weight) || weight <= 0 || weight > 100)
            {
                Add(errors, at + ".weight", "weight is required: a percent of traffic above 0 and at most 100.");
            }

            RecommendationStrategy? strategy = v.Strategy is null ? null : ParseEnum(v.Strategy, RecommendationStrategy.Hybrid, at + ".strategy", errors);
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in v.Weights ?? [])
            {
                var known = RankingProfile.WeightNames.FirstOrDefault(n => n.Equals(key, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    Add(errors, $"{at}.weights.{key}", $"'{key}' is not a ranking weight: use {string.Join(", ", RankingProfile.WeightNames)}.");
                }
                else if (!double.IsFinite(value) || value is < 0 or > 10)
                {
                    Add(errors, $"{at}.weights.{key}", "A weight must be from 0 to 10.");
                }
                else
                {
                    weights[known] = value;
                }
            }

            variants.Add(new ExperimentVariant(v.Name ?? "", v.Weight ?? 0, strategy, weights));
        }

        var total = specs.Sum(v => v?.Weight ?? 0);
        if (specs.Count >= 2 && specs.All(v => v?.Weight is > 0) && Math.Abs(total - 100) > 1e-6)
        {
            Add(errors, prefix + "variants", $"Variant weights must sum to 100 %; they sum to {total:0.###} %.");
        }

        return errors.Count == before
            ? new ExperimentDefinition(spec.Name!, salt, status, surface, variants, holdout, window)
            : null;
    }

    /// <summary>Validates a whole set: each experiment, unique names, and at most one running experiment per surface
    /// (an "all" experiment overlaps every other): two at once would rank the same list twice.</summary>
    public static IReadOnlyList<ExperimentDefinition>? ValidateSet(IReadOnlyList<ExperimentSpec> specs, IDictionary<string, List<string>> errors, string prefix = "experiments")
    {
        var definitions = new List<ExperimentDefinition>();
        for (var i = 0; i < specs.Count; i++)
        {
            var field = $"{prefix}[{i}].";
            if (Validate(specs[i], errors, field) is not { } definition)
            {
                continue;
            }

            if (definitions.Any(d => d.Name == definition.Name))
            {
                Add(errors, field + "name", $"Experiment '{definition.Name}' is defined twice.");
                continue;
            }

            if (definition.Status == ExperimentStatus.Running &&
                definitions.FirstOrDefault(d => d.Status == ExperimentStatus.Running && Overlap(d, definition)) is { } other)
            {
                Add(errors, field + "status", $"'{other.Name}' already runs on {other.Surface}: experiments on one surface are mutually exclusive, stop one first.");
                continue;
            }

            definitions.Add(definition);
        }

        return errors.Count == 0 ? definitions : null;
    }

    /// <summary>Whether two experiments would rank the same lists.</summary>
    public static bool Overlap(ExperimentDefinition a, ExperimentDefinition b) =>
        a.Surface == ExperimentSurface.All || b.Surface == ExperimentSurface.All || a.Surface == b.Surface;

    /// <summary>Back to the spec form, for replacing one experiment of a set and validating the set again.</summary>
    public static ExperimentSpec ToSpec(ExperimentDefinition d) => new()
    {
        Name = d.Name,
        Salt = d.Salt,
        Status = d.Status.ToString(),
        Surface = d.Surface.ToString(),
        HoldoutPercent = d.HoldoutPercent,
        AttributionWindow = d.AttributionWindow,
        Variants = d.Variants.Select(v => new VariantSpec
        {
            Name = v.Name, Weight = v.Weight, Strategy = v.Strategy?.ToString(), Weights = v.Weights.ToDictionary(),
        }).ToList(),
    };

    private static T ParseEnum<T>(string? text, T fallback, string field, IDictionary<string, List<string>> errors) where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        Add(errors, field, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return fallback;
    }

    private static void Add(IDictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex VariantPattern();
}
