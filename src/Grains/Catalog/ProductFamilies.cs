using System.Text;

namespace Aisle.Catalog;

/// <summary>
/// Variants of one product (colours, designs, sizes) grouped into families, computed once when the catalog loads. Lists
/// show one member per family and the product page offers the others, so a tablet cover sold in 141 designs takes one
/// slot of a page instead of all of them.
/// </summary>
/// <remarks>
/// Two products are one family when their brands are equal (ignoring case) and their names are equal after
/// <see cref="NameKey"/>: case and punctuation ignored, trailing parenthesised text removed ("Batting Gloves (Men, White,
/// Orange)": sizes, colours and pack notes sit there) and colour words removed ("Sapatos Plain Single Duvet Blue" and
/// "… Maroon"). A product without a brand is matched by its category path instead, which in the Flipkart catalog
/// usually ends in a brand node ("Nimya T-Shirts"): an unbranded generic name alone ("Solid Men's Polo Neck T-Shirt")
/// would join unrelated sellers. Size words outside parentheses are kept: "Single Duvet" and "Double Duvet" differ.
/// The family id is the family's first row, so silos that load the same catalog agree on it.
/// </remarks>
public sealed class ProductFamilies
{
    /// <summary>Words naming a colour or finish; removed from names, as the variants of one design differ only by them.</summary>
    private static readonly HashSet<string> ColourWords = new(StringComparer.Ordinal)
    {
        "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "orange", "brown", "grey", "gray",
        "silver", "gold", "golden", "beige", "maroon", "navy", "cream", "multicolor", "multicolour", "color",
        "colour", "violet", "magenta", "turquoise", "olive", "khaki", "peach", "mustard", "tan",
    };

    private readonly int[] _familyOf;
    private readonly Dictionary<int, int[]> _members;

    private ProductFamilies(int[] familyOf, Dictionary<int, int[]> members)
    {
        _familyOf = familyOf;
        _members = members;
    }

    public static ProductFamilies Empty { get; } = new([], []);

    /// <summary>Groups <paramref name="products"/> (row i is products[i]).</summary>
    public static ProductFamilies Of(IReadOnlyList<Product> products)
    {
        var familyOf = new int[products.Count];
        var firstRow = new Dictionary<string, int>(products.Count, StringComparer.Ordinal);
        var rows = new Dictionary<int, List<int>>();
        for (var row = 0; row < products.Count; row++)
        {
            var key = Key(products[row]);
            if (!firstRow.TryAdd(key, row))
            {
                var family = firstRow[key];
                familyOf[row] = family;
                if (!rows.TryGetValue(family, out var members))
                {
                    members = [family];
                    rows[family] = members;
                }

                members.Add(row);
            }
            else
            {
                familyOf[row] = row;
            }
        }

        return new ProductFamilies(familyOf, rows.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>Products that have at least one sibling.</summary>
    public int GroupedProducts => _members.Values.Sum(m => m.Length);

    /// <summary>Families of more than one product.</summary>
    public int Groups => _members.Count;

    /// <summary>The family of <paramref name="row"/>: the row of its first member.</summary>
    public int FamilyOf(int row) => _familyOf[row];

    /// <summary>Every row of <paramref name="row"/>'s family in catalog order, itself included.</summary>
    public IReadOnlyList<int> Members(int row) => _members.TryGetValue(_familyOf[row], out var members) ? members : [row];

    /// <summary>What family members share: the brand (or, without one, the category path) and the <see cref="NameKey"/>.</summary>
    public static string Key(Product product)
    {
        var owner = string.IsNullOrWhiteSpace(product.Brand) ? "category:" + product.Category : "brand:" + product.Brand.Trim();
        return owner.ToLowerInvariant() + "\n" + NameKey(product.Name);
    }

    /// <summary>The name with case, punctuation, trailing parenthesised text and colour words removed.</summary>
    public static string NameKey(string name)
    {
        var text = name.Trim();
        // Repeatedly: "(Notebook) (Core i3)" ends in two groups. A name that is only parentheses keeps its text.
        while (OpeningOfLastGroup(text) is > 0 and var open)
        {
            text = text[..open].TrimEnd();
        }

        var key = new StringBuilder(text.Length);
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0 && !ColourWords.Contains(word.ToString()))
            {
                key.Append(key.Length > 0 ? " " : "").Append(word);
            }

            word.Clear();
        }

        return key.ToString();
    }

    /// <summary>Where the parenthesised group that ends <paramref name="text"/> opens (nested groups included), or -1.</summary>
    private static int OpeningOfLastGroup(string text)
    {
        if (!text.EndsWith(')'))
        {
            return -1;
        }

        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            depth += text[i] switch { ')' => 1, '(' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
