using Aisle.Catalog;

namespace Aisle.Embeddings;

/// <summary>The text a product is embedded from: name, brand, category path and the start of its description.</summary>
public static class ProductText
{
    // Embedding cost grows with length: the first three category levels carry the meaning (deeper ones mostly
    // repeat the brand and name), and a description's first sentences say what the product is.
    private const int MaxCategoryDepth = 3;
    private const int MaxDescriptionChars = 200;

    public static string For(Product product)
    {
        var category = string.Join(" > ", product.CategoryPath.Take(MaxCategoryDepth));
        var text = product.Brand is null
            ? $"{product.Name}. {category}"
            : $"{product.Name}. Brand: {product.Brand}. {category}";
        if (string.IsNullOrWhiteSpace(product.Description))
        {
            return text;
        }

        var description = product.Description.Length <= MaxDescriptionChars
            ? product.Description
            : product.Description[..MaxDescriptionChars];
        return $"{text}. {description}";
    }
}
