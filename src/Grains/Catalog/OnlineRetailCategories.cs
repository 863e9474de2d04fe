namespace Aisle.Catalog;

/// <summary>
/// Gives an Online Retail product a category path from the words of its description: the file has no categories, and
/// search filters, query understanding and diversity all want one.
/// </summary>
/// <remarks>
/// Rules are tried in order and the first rule with a word in the description wins, so a seasonal word beats the
/// object (CHRISTMAS CANDLE is Christmas) and a specific object beats a general one (WHITE HANGING HEART T-LIGHT
/// HOLDER is a candle holder, not a decoration). Words are whole, upper-case, split at anything but letters, digits
/// and hyphens; plurals are listed. A description no rule knows is <c>Gifts &gt; Other</c>. The table is deliberately
/// small: on the December 2010 slice it places three products in five, and a wrong guess costs more than "other".
/// </remarks>
public static class OnlineRetailCategories
{
    /// <summary>The path for products no rule recognises.</summary>
    public static readonly IReadOnlyList<string> Other = ["Gifts", "Other"];

    private static readonly (string[] Path, string[] Words)[] Rules =
    [
        (["Christmas"], ["CHRISTMAS", "XMAS", "ADVENT", "SANTA", "REINDEER", "SNOWFLAKE", "BAUBLE", "BAUBLES"]),
        (["Home Decor", "Candles & Holders"], ["CANDLE", "CANDLES", "T-LIGHT", "T-LIGHTS", "TEALIGHT", "TEALIGHTS", "INCENSE"]),
        (["Home Decor", "Lighting"], ["LANTERN", "LANTERNS", "LAMP", "LIGHT", "LIGHTS", "NIGHTLIGHT"]),
        (["Jewellery"], ["BRACELET", "NECKLACE", "NECKLACES", "EARRINGS", "BROOCH", "JEWELLERY"]),
        (["Bags"], ["BAG", "BAGS", "PURSE", "SHOPPER", "TOTE"]),
        (["Kitchen & Dining"], ["KITCHEN", "MUG", "MUGS", "CUP", "CUPS", "BOWL", "BOWLS", "PLATE", "PLATES", "TEAPOT", "CUTLERY", "NAPKIN", "NAPKINS", "APRON", "JAR", "DISH", "TRAY", "CAKE", "CAKES", "BAKING", "LUNCH"]),
        (["Stationery & Cards"], ["CARD", "CARDS", "NOTEBOOK", "PEN", "PENS", "PENCIL", "PENCILS", "WRAP", "STICKER", "STICKERS", "TAPE", "ENVELOPE", "ENVELOPES", "NOTEPAD"]),
        (["Toys & Games"], ["TOY", "TOYS", "JIGSAW", "GAME", "GAMES", "DOLL", "DOLLY", "PUZZLE", "SKITTLES", "DOMINOES"]),
        (["Home Decor", "Textiles"], ["CUSHION", "CUSHIONS", "TOWEL", "TOWELS", "THROW", "BLANKET", "DOORMAT"]),
        (["Home Decor", "Wall & Shelf"], ["SIGN", "MIRROR", "FRAME", "CLOCK", "HOOK", "HOOKS", "PLAQUE", "GARLAND", "BUNTING", "DECORATION"]),
        (["Garden"], ["GARDEN", "PLANTER", "WATERING", "BIRDHOUSE", "FEEDER"]),
    ];

    /// <summary>The category path for a product description (any case).</summary>
    public static IReadOnlyList<string> For(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var words = Words(description);
        foreach (var (path, keys) in Rules)
        {
            if (keys.Any(words.Contains))
            {
                return path;
            }
        }

        return Other;
    }

    private static HashSet<string> Words(string description)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= description.Length; i++)
        {
            var inWord = i < description.Length && (char.IsLetterOrDigit(description[i]) || description[i] == '-');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(description[start..i].ToUpperInvariant());
                start = -1;
            }
        }

        return words;
    }
}
