namespace Aisle.Cli.Bench;

/// <summary>
/// The fixed search mix: real shopper phrasings over the bundled Flipkart catalog's biggest departments — plain words,
/// price phrases, genders, brands — each also asked with explicit filters, so the benchmark compares a query with its
/// filtered twin. Fixed, so runs compare; written out rather than sampled, so each one reads like traffic.
/// </summary>
public static class BenchQueries
{
    /// <summary>A query and the filters its filtered twin adds (query-string form, no leading '&amp;').</summary>
    public sealed record Query(string Text, string Filters);

    public static readonly IReadOnlyList<Query> Mix =
    [
        new("running shoes for men under 1000", "category=Footwear&inStock=true"),
        new("analog watch", "category=Watches&maxPrice=2000&inStock=true"),
        new("women kurta", "category=Clothing&maxPrice=1500"),
        new("mobile back cover", "category=Mobiles%20%26%20Accessories&maxPrice=500"),
        new("casual shirt for men", "category=Clothing&minPrice=300&maxPrice=1200"),
        new("double bedsheet cotton", "category=Home%20Furnishing&inStock=true"),
        new("gold plated necklace", "category=Jewellery&maxPrice=1000"),
        new("wireless mouse", "category=Computers&maxPrice=1000"),
        new("baby boys t shirt", "category=Baby%20Care&inStock=true"),
        new("sports shoes", "category=Footwear&minPrice=500"),
        new("leather wallet for men", "maxPrice=800&inStock=true"),
        new("led bulb", "category=Home%20Decor%20%26%20Festive%20Needs&maxPrice=600"),
        new("kitchen storage container", "category=Kitchen%20%26%20Dining"),
        new("car seat cover", "category=Automotive&maxPrice=3000"),
        new("sunglasses for women", "category=Sunglasses&inStock=true"),
        new("earrings below 300", "category=Jewellery"),
        new("laptop bag", "category=Bags%2C%20Wallets%20%26%20Belts&maxPrice=2000"),
        new("bluetooth headphones", "category=Mobiles%20%26%20Accessories&minPrice=500"),
        new("silk saree", "category=Clothing&minPrice=500&maxPrice=5000"),
        new("wall sticker", "category=Home%20Decor%20%26%20Festive%20Needs&inStock=true"),
        new("fastrack watch for men", "category=Watches&inStock=true"),
        new("cotton socks pack", "category=Clothing&maxPrice=400"),
        new("usb pen drive 16gb", "category=Computers&inStock=true"),
        new("formal shoes between 800 and 2000", "category=Footwear"),
        new("soft toy teddy bear", "category=Toys%20%26%20School%20Supplies&maxPrice=1000"),
        new("water bottle", "category=Kitchen%20%26%20Dining&maxPrice=500"),
        new("ladies handbag", "category=Bags%2C%20Wallets%20%26%20Belts&inStock=true"),
        new("printed cushion cover", "category=Home%20Furnishing&maxPrice=700"),
        new("girls party dress", "category=Clothing&maxPrice=2500"),
        new("screen guard for samsung", "category=Mobiles%20%26%20Accessories&inStock=true"),
        new("perfume for men", "category=Beauty%20and%20Personal%20Care&maxPrice=1500"),
        new("diamond ring", "category=Jewellery&minPrice=1000"),
        new("slippers for women", "category=Footwear&maxPrice=500"),
        new("curtains for door", "category=Home%20Furnishing&inStock=true"),
    ];
}
