namespace Aisle.Query;

/// <summary>The gender words shoppers type, and the gender each one means.</summary>
public static class Genders
{
    public const string Men = "Men";
    public const string Women = "Women";
    public const string Boys = "Boys";
    public const string Girls = "Girls";
    public const string Kids = "Kids";
    public const string Unisex = "Unisex";

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        // Keys are in QueryTokens form: lower case, apostrophes dropped ("men's" → "mens").
        ["men"] = Men, ["mens"] = Men, ["man"] = Men, ["mans"] = Men, ["male"] = Men, ["males"] = Men,
        ["gents"] = Men, ["gent"] = Men, ["gentlemen"] = Men, ["gentleman"] = Men,
        ["women"] = Women, ["womens"] = Women, ["woman"] = Women, ["womans"] = Women, ["female"] = Women,
        ["females"] = Women, ["ladies"] = Women, ["lady"] = Women, ["ladys"] = Women,
        ["boys"] = Boys, ["boy"] = Boys,
        ["girls"] = Girls, ["girl"] = Girls,
        ["kids"] = Kids, ["kid"] = Kids, ["children"] = Kids, ["childrens"] = Kids, ["child"] = Kids, ["childs"] = Kids,
        ["unisex"] = Unisex,
    };

    /// <summary>The gender a single query token names, or null.</summary>
    public static string? Of(string token) => Words.GetValueOrDefault(token);

    /// <summary>Every gender word, for callers that must recognise them in other forms (e.g. stemmed).</summary>
    public static IEnumerable<string> AllWords => Words.Keys;

    /// <summary>Combines two genders named in one query: men + women is unisex, boys + girls is kids, else the first stays.</summary>
    public static string Combine(string? first, string second)
    {
        if (first is null || first == second)
        {
            return second;
        }

        return (first, second) switch
        {
            (Men, Women) or (Women, Men) => Unisex,
            (Boys, Girls) or (Girls, Boys) or (Kids, Boys) or (Kids, Girls) or (Boys, Kids) or (Girls, Kids) => Kids,
            _ => first,
        };
    }
}
