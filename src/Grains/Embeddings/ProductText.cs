using Aisle.Catalog;

namespace Aisle.Embeddings;

/// <summary>The text a product is embedded from: name, brand, category path and the start of its description.</summary>
public static class ProductText
{
    // MiniLM reads at most 256 word pieces; past ~400 characters a description only costs time.
    private const int MaxDescriptionChars = 400;

    public static string For(Product product)
    {
        var text = product.Brand is null
            ? $"{product.Name}. {product.Category}"
            : $"{product.Name}. Brand: {product.Brand}. {product.Category}";
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
