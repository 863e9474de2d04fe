using Aisle.Catalog;

namespace Aisle.Query;

/// <summary>The gender words shoppers type, and the <see cref="Gender"/> each one means.</summary>
public static class Genders
{
    private static readonly Dictionary<string, Gender> Words = new(StringComparer.Ordinal)
    {
        // Keys are in QueryTokens form: lower case, apostrophes dropped ("men's" → "mens").
        ["men"] = Gender.Men, ["mens"] = Gender.Men, ["man"] = Gender.Men, ["mans"] = Gender.Men, ["male"] = Gender.Men,
        ["males"] = Gender.Men, ["gents"] = Gender.Men, ["gent"] = Gender.Men, ["gentlemen"] = Gender.Men, ["gentleman"] = Gender.Men,
        ["women"] = Gender.Women, ["womens"] = Gender.Women, ["woman"] = Gender.Women, ["womans"] = Gender.Women,
        ["female"] = Gender.Women, ["females"] = Gender.Women, ["ladies"] = Gender.Women, ["lady"] = Gender.Women,
        ["ladys"] = Gender.Women,
        ["boys"] = Gender.Boys, ["boy"] = Gender.Boys,
        ["girls"] = Gender.Girls, ["girl"] = Gender.Girls,
        ["kids"] = Gender.Kids, ["kid"] = Gender.Kids, ["children"] = Gender.Kids, ["childrens"] = Gender.Kids,
        ["child"] = Gender.Kids, ["childs"] = Gender.Kids,
        ["unisex"] = Gender.Unisex,
    };

    /// <summary>The gender a single query token names, or <see cref="Gender.None"/>.</summary>
    public static Gender Of(string token) => Words.GetValueOrDefault(token);

    /// <summary>Every gender word, for callers that must recognise them in other forms (e.g. stemmed).</summary>
    public static IEnumerable<string> AllWords => Words.Keys;

    /// <summary>The gender a word at the edge names ("Men", "women"), case-insensitively; <see cref="Gender.None"/> for
    /// anything else, including combinations.</summary>
    public static Gender Parse(string? name) =>
        Enum.TryParse<Gender>(name, ignoreCase: true, out var gender) && Enum.IsDefined(gender) && !int.TryParse(name, out _) ? gender : Gender.None;

    /// <summary>The gender's name at the edge (API, notes); null for <see cref="Gender.None"/>.</summary>
    public static string? Name(Gender gender) => gender == Gender.None ? null : gender.ToString();

    /// <summary>Combines two genders named in one query: men + women is unisex, boys + girls is kids, else the first stays.</summary>
    public static Gender Combine(Gender first, Gender second)
    {
        if (first == Gender.None || first == second)
        {
            return second;
        }

        return (first, second) switch
        {
            (Gender.Men, Gender.Women) or (Gender.Women, Gender.Men) => Gender.Unisex,
            (Gender.Boys, Gender.Girls) or (Gender.Girls, Gender.Boys) or (Gender.Kids, Gender.Boys) or (Gender.Kids, Gender.Girls)
                or (Gender.Boys, Gender.Kids) or (Gender.Girls, Gender.Kids) => Gender.Kids,
            _ => first,
        };
    }
}
