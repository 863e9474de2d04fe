using Aisle.Catalog;
using Aisle.Query;

namespace Aisle.Cli.Bench;

/// <summary>
/// A stream of distinct search queries no cache has seen: two or three words drawn from product names of one category
/// (so most find something), sometimes with a gender or a price phrase. Distinct in their words, not only in the
/// phrase, because the server embeds the words left after it strips prices and genders.
/// </summary>
public static class UnseenQueries
{
    private static readonly string[] Genders = ["for men", "for women", "men", "womens", "for boys", "for girls"];
    private static readonly string[] Prices = ["under {0}", "below {0}", "less than {0}", "between {1} and {0}", "above {1}"];
    private static readonly int[] Amounts = [199, 299, 499, 799, 999, 1499, 1999, 2999, 4999];

    public static IReadOnlyList<string> Generate(IReadOnlyList<Product> products, int count, Random random)
    {
        // Words per top-level category, so two words of a query usually belong together.
        var words = products
            .GroupBy(p => p.CategoryPath.Count > 0 ? p.CategoryPath[0] : "")
            .Select(g => g.SelectMany(p => QueryTokens.Split(p.Name.ToLowerInvariant()))
                .Where(w => w.Length >= 3 && w.All(char.IsLetter))
                .Distinct()
                .ToArray())
            .Where(w => w.Length >= 10)
            .ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(count);
        for (var attempts = 0; result.Count < count && attempts < count * 20; attempts++)
        {
            var pool = words[random.Next(words.Length)];
            var picked = Enumerable.Range(0, random.Next(2, 4)).Select(_ => pool[random.Next(pool.Length)]).Distinct().ToArray();
            if (!seen.Add(string.Join(' ', picked.Order(StringComparer.Ordinal))))
            {
                continue;
            }

            var query = string.Join(' ', picked);
            var roll = random.NextDouble();
            if (roll < 0.25)
            {
                query += " " + Genders[random.Next(Genders.Length)];
            }
            else if (roll < 0.5)
            {
                var high = Amounts[random.Next(1, Amounts.Length)];
                query += " " + string.Format(Prices[random.Next(Prices.Length)], high, Amounts[random.Next(Array.IndexOf(Amounts, high))]);
            }

            result.Add(query);
        }

        return result;
    }
}
