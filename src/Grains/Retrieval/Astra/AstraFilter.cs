using System.Text.Json.Nodes;
using Aisle.Catalog;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// A <see cref="VectorFilter"/> as a Data API filter over the fields <see cref="AstraDocument"/> writes, so AstraDB
/// answers the question the embedded index answers: category prefix = equality on the prefix array, brand = lower-case
/// equality, price bounds = <c>$gte</c>/<c>$lte</c> (a product without a price has no field and fails them), stock,
/// gender = equality on the genders it may be shown for, exclusions = <c>$nin</c> on <c>_id</c>; all under <c>$and</c>.
/// </summary>
public static class AstraFilter
{
    public static JsonObject For(VectorFilter? filter)
    {
        if (filter is null)
        {
            return [];
        }

        var conditions = new List<JsonObject>();
        var category = CategoryPath.Segments(filter.Category);
        if (category.Length > 0)
        {
            conditions.Add(new JsonObject { [AstraDocument.Categories] = AstraDocument.CategoryKey(category) });
        }

        if (AstraDocument.BrandKey(filter.Brand) is { } brand)
        {
            conditions.Add(new JsonObject { [AstraDocument.Brand] = brand });
        }

        if (filter.MinPrice is { } min)
        {
            conditions.Add(new JsonObject { [AstraDocument.Price] = new JsonObject { ["$gte"] = min } });
        }

        if (filter.MaxPrice is { } max)
        {
            conditions.Add(new JsonObject { [AstraDocument.Price] = new JsonObject { ["$lte"] = max } });
        }

        if (filter.InStockOnly)
        {
            conditions.Add(new JsonObject { [AstraDocument.InStock] = true });
        }

        if (ProductGenders.Condition(filter.Gender).Conflicts != Gender.None)
        {
            conditions.Add(new JsonObject { [AstraDocument.ShownFor] = AstraDocument.GenderKey(filter.Gender) });
        }

        if (filter.ExcludeIds is { Count: > 0 } excluded)
        {
            conditions.Add(new JsonObject
            {
                [AstraDocument.Id] = new JsonObject { ["$nin"] = new JsonArray([.. excluded.Where(id => id is not null).Select(id => (JsonNode)id)]) },
            });
        }

        return conditions.Count switch
        {
            0 => [],
            1 => conditions[0],
            _ => new JsonObject { ["$and"] = new JsonArray([.. conditions]) },
        };
    }
}
