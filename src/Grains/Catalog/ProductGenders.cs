using Aisle.Query;

namespace Aisle.Catalog;

/// <summary>Gendered products: a search for men's shoes should not show products labelled only for women.</summary>
public static class ProductGenders
{
    /// <summary>The query genders that filter at all; kids and unisex searches contradict no product.</summary>
    public static readonly Gender[] Filtering = [Gender.Men, Gender.Women, Gender.Boys, Gender.Girls];

    /// <summary>Every gender named in the product's name or category path.</summary>
    public static Gender Of(Product product)
    {
        var set = Gender.None;
        foreach (var text in product.CategoryPath.Prepend(product.Name))
        {
            foreach (var token in QueryTokens.Split(text))
            {
                set |= Genders.Of(token);
            }
        }

        return set;
    }

    /// <summary>
    /// The genders a product of a query for <paramref name="query"/> must name at least one of (fits), unless it names
    /// none of the conflicting ones. Both empty: the query filters nothing.
    /// </summary>
    public static (Gender Fits, Gender Conflicts) Condition(Gender query) => query switch
    {
        Gender.Men => (Gender.Men | Gender.Unisex, Gender.Women | Gender.Girls),
        Gender.Women => (Gender.Women | Gender.Unisex, Gender.Men | Gender.Boys),
        Gender.Boys => (Gender.Boys | Gender.Kids | Gender.Unisex, Gender.Girls | Gender.Women),
        Gender.Girls => (Gender.Girls | Gender.Kids | Gender.Unisex, Gender.Boys | Gender.Men),
        _ => (Gender.None, Gender.None),
    };

    /// <summary>
    /// True when the product names a gender that conflicts with <paramref name="query"/> and none that fits it
    /// ("For Men, Women" fits both; a product naming no gender fits every search).
    /// </summary>
    public static bool Contradicts(Gender product, Gender query)
    {
        var (fits, conflicts) = Condition(query);
        return (product & fits) == 0 && (product & conflicts) != 0;
    }

    /// <summary>The query genders a product may be shown for: what a store that filters by equality keeps beside it.</summary>
    public static IEnumerable<Gender> ShownFor(Gender product) => Filtering.Where(query => !Contradicts(product, query));
}
