using System.Text.Json;
using System.Text.Json.Nodes;
using Aisle.Catalog;
using Aisle.Query;
using Microsoft.Extensions.AI;

namespace Aisle.Llm;

/// <summary>
/// The question put to the model about one catalog category — what do shoppers buy with it ("Mobiles" → case, screen
/// guard, charger) — and the check of its answer. Only the category is sent, never a product or a shopper, so the
/// answer holds for every product of the category and is kept per category. Each proposed type names the catalog
/// category it is found in, constrained by the schema to the catalog's own paths, so retrieval can filter by it.
/// </summary>
public sealed class ComplementsPrompt
{
    /// <summary>Product types kept at most per category.</summary>
    public const int MaxComplements = 4;

    /// <summary>Levels of a product's category path that name its category for this question: deep enough to tell
    /// phones from phone cases, shallow enough that a category's answer serves many products.</summary>
    public const int CategoryDepth = 3;

    public const string SchemaName = "complementary_products";

    private const string Instructions = """
        You advise an online store (India). Given the category of a product a shopper is looking at or has in the cart,
        name up to 4 other kinds of product that shoppers buy together with it to complete it ("Mobiles" → mobile
        case, screen guard, power bank). Answer with JSON only, following the schema.
        Each complement: product_type in a few words; keywords: 2-5 words as they appear in product names; category:
        the catalog category it is found in, only from the allowed list, or null when unsure.
        Never name the same kind of product as the given category; most useful first.
        """;

    private readonly Dictionary<string, string> _categories;

    public ComplementsPrompt(CatalogDictionary dictionary)
    {
        var offered = PromptSchema.OfferedCategories(dictionary);
        _categories = offered.ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase);
        Options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = 300,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(offered), SchemaName, "Kinds of product bought together with a category."),
            AdditionalProperties = new AdditionalPropertiesDictionary { ["strictJsonSchema"] = true },
        };
    }

    /// <summary>The options of every call (model id added by the caller): temperature 0, the schema as response format.</summary>
    public ChatOptions Options { get; }

    /// <summary>The category a product is asked about by: the first <see cref="CategoryDepth"/> levels of its path.</summary>
    public static string CategoryOf(Product product) => string.Join(" > ", product.CategoryPath.Take(CategoryDepth));

    public IReadOnlyList<ChatMessage> Messages(string category) =>
        [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, "Category: " + category)];

    /// <summary>
    /// Reads the model's reply: <see cref="LlmOutcome.Answered"/> with the complements (possibly none), or why it cannot
    /// be used. A complement in a category the catalog lacks is dropped; a reply whose every complement was dropped is
    /// <see cref="LlmOutcome.UnknownCategory"/>.
    /// </summary>
    public (LlmOutcome Outcome, IReadOnlyList<ComplementaryProducts>? Complements) Read(string? reply)
    {
        if (PromptSchema.Root(reply) is not { } root
            || !root.TryGetProperty("complements", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return (LlmOutcome.Malformed, null);
        }

        var complements = new List<ComplementaryProducts>();
        var unknown = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || PromptSchema.Text(item, "product_type") is not { } type || PromptSchema.Text(item, "keywords") is not { } keywords)
            {
                continue;
            }

            string? category = null;
            if (PromptSchema.Text(item, "category") is { } named && !_categories.TryGetValue(named, out category))
            {
                unknown++;
                continue;
            }

            complements.Add(new ComplementaryProducts(type, keywords, category));
            if (complements.Count == MaxComplements)
            {
                break;
            }
        }

        return complements.Count == 0 && unknown > 0 ? (LlmOutcome.UnknownCategory, null) : (LlmOutcome.Answered, complements);
    }

    private static JsonElement Schema(string[] categories)
    {
        var complement = PromptSchema.Object(new JsonObject
        {
            ["product_type"] = new JsonObject { ["type"] = "string" },
            ["keywords"] = new JsonObject { ["type"] = "string" },
            ["category"] = PromptSchema.OneOf(categories),
        });
        return PromptSchema.Element(PromptSchema.Object(new JsonObject
        {
            ["complements"] = new JsonObject { ["type"] = "array", ["items"] = complement },
        }));
    }
}
