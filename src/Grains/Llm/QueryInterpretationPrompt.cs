using System.Text.Json;
using System.Text.Json.Nodes;
using Aisle.Query;
using Microsoft.Extensions.AI;

namespace Aisle.Llm;

/// <summary>
/// The question put to the model about one search, and the check of its answer. The reply is constrained by a JSON
/// schema (structured outputs): the category to the catalog's own category paths, the gender to the six the rules know.
/// Brands are too many to list, so a named brand is checked against the catalog's after the reply.
/// </summary>
public sealed class QueryInterpretationPrompt
{
    /// <summary>Proposed product types kept at most.</summary>
    public const int MaxProposals = 4;

    public const string SchemaName = "query_interpretation";

    private static readonly string[] GenderNames = ["Men", "Women", "Boys", "Girls", "Kids", "Unisex"];

    private const string Instructions = """
        You read the search text a shopper typed into an online store (India, prices in rupees) and say what they want.
        Answer with JSON only, following the schema. Use null for anything the text does not say; never invent a brand.
        category: the catalog category that fits best, only from the allowed list, or null when unsure.
        keywords: the text rewritten as a short keyword query for the catalog (no price words).
        confidence: how sure you are of the product type and category, from 0 to 1.
        names_need: true when the text describes a need, an occasion or a person ("gift for a 10 year old who likes
        science", "things for a new puppy") rather than naming a product.
        proposals: up to 4 concrete product types that would satisfy the shopper, each with 2-5 catalog keywords;
        most useful for needs and vague texts, may be empty for a plain product name.
        """;

    private readonly CatalogDictionary _dictionary;
    private readonly Dictionary<string, string> _categories;

    public QueryInterpretationPrompt(CatalogDictionary dictionary)
    {
        _dictionary = dictionary;
        var offered = PromptSchema.OfferedCategories(dictionary);
        _categories = offered.ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase);
        Options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = 400,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(offered), SchemaName, "What a shopper's search asks for."),
            // Strict: the provider enforces the schema while generating, so enum values cannot drift.
            AdditionalProperties = new AdditionalPropertiesDictionary { ["strictJsonSchema"] = true },
        };
    }

    /// <summary>The options of every call (model id added by the caller): temperature 0, the schema as response format.</summary>
    public ChatOptions Options { get; }

    public IReadOnlyList<ChatMessage> Messages(string query) =>
        [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, query)];

    /// <summary>Reads the model's reply: <see cref="LlmOutcome.Answered"/> with the reading, or why it cannot be used.</summary>
    public (LlmOutcome Outcome, QueryInterpretation? Reading) Read(string? reply)
    {
        if (PromptSchema.Root(reply) is not { } root || Text(root, "keywords") is not { } keywords)
        {
            return (LlmOutcome.Malformed, null);
        }

        string? category = null;
        if (Text(root, "category") is { } named)
        {
            if (!_categories.TryGetValue(named, out category))
            {
                return (LlmOutcome.UnknownCategory, null);
            }
        }

        string? brand = null;
        if (Text(root, "brand") is { } brandNamed)
        {
            if (!_dictionary.Brands.Known.TryGetValue(brandNamed, out var known))
            {
                return (LlmOutcome.UnknownBrand, null);
            }

            brand = known.Name;
        }

        var min = Price(root, "min_price");
        var max = Price(root, "max_price");
        if (min > max)
        {
            (min, max) = (null, null);
        }

        var gender = Text(root, "gender") is { } g ? Array.Find(GenderNames, n => n.Equals(g, StringComparison.OrdinalIgnoreCase)) : null;
        var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? Math.Clamp(c.GetDouble(), 0, 1) : 0;
        var attributes = new ProductAttributes(Text(root, "colour"), Text(root, "size"), Text(root, "material"));
        var proposals = new List<ProposedProducts>();
        if (root.TryGetProperty("proposals", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Text(item, "product_type") is { } type && Text(item, "keywords") is { } words)
                {
                    proposals.Add(new ProposedProducts(type, words));
                }

                if (proposals.Count == MaxProposals)
                {
                    break;
                }
            }
        }

        var needs = root.TryGetProperty("names_need", out var need) && need.ValueKind == JsonValueKind.True;
        return (LlmOutcome.Answered, new QueryInterpretation(
            Text(root, "product_type"), category, brand, min, max, gender, attributes, keywords, confidence, needs, proposals));
    }

    private static string? Text(JsonElement element, string name) => PromptSchema.Text(element, name);

    private static double? Price(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() is var price
            && double.IsFinite(price) && price >= 0
            ? price
            : null;

    private static JsonElement Schema(string[] categories)
    {
        var proposal = PromptSchema.Object(new JsonObject
        {
            ["product_type"] = new JsonObject { ["type"] = "string" },
            ["keywords"] = new JsonObject { ["type"] = "string" },
        });
        return PromptSchema.Element(PromptSchema.Object(new JsonObject
        {
            ["product_type"] = PromptSchema.Nullable("string"),
            ["category"] = PromptSchema.OneOf(categories),
            ["brand"] = PromptSchema.Nullable("string"),
            ["min_price"] = PromptSchema.Nullable("number"),
            ["max_price"] = PromptSchema.Nullable("number"),
            ["gender"] = PromptSchema.OneOf(GenderNames),
            ["colour"] = PromptSchema.Nullable("string"),
            ["size"] = PromptSchema.Nullable("string"),
            ["material"] = PromptSchema.Nullable("string"),
            ["keywords"] = new JsonObject { ["type"] = "string" },
            ["confidence"] = new JsonObject { ["type"] = "number" },
            ["names_need"] = new JsonObject { ["type"] = "boolean" },
            ["proposals"] = new JsonObject { ["type"] = "array", ["items"] = proposal },
        }));
    }
}
