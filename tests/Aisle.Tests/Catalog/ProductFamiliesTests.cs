using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>Variants grouped into families, on names taken from the bundled Flipkart catalog.</summary>
public sealed class ProductFamiliesTests
{
    private static Product Item(string id, string name, string? brand, params string[] category) =>
        new(id, "s" + id, name, brand, category.Length > 0 ? category : ["Footwear", "Women's Footwear"], 300m, 400m, 4, null, 5);

    [Fact]
    public void SameNameAndBrandIsOneFamilyWhoseIdIsItsFirstRow()
    {
        var families = ProductFamilies.Of([
            Item("a", "Bonzer Bellies", "Bonzer"),
            Item("b", "Alisha Solid Women's Cycling Shorts", "Alisha"),
            Item("c", "Bonzer Bellies", "Bonzer"),
            Item("d", "Bonzer Bellies", "bonzer"),
        ]);

        Assert.Equal([0, 1, 0, 0], Enumerable.Range(0, 4).Select(families.FamilyOf));
        Assert.Equal([0, 2, 3], families.Members(3));
        Assert.Equal([1], families.Members(1));
        Assert.Equal(1, families.Groups);
        Assert.Equal(3, families.GroupedProducts);
    }

    [Fact]
    public void TheSameNameFromAnotherBrandIsAnotherFamily()
    {
        var families = ProductFamilies.Of([Item("a", "Solid Tie", "GetAbhi"), Item("b", "Solid Tie", "Alvaro")]);

        Assert.NotEqual(families.FamilyOf(0), families.FamilyOf(1));
    }

    [Theory]
    [InlineData("Sapatos Plain Single Duvet Blue", "Sapatos Plain Single Duvet Maroon")]
    [InlineData("Cotonex Beige Cotton Kitchen Linen Set", "Cotonex Multicolor Cotton Kitchen Linen Set")]
    [InlineData("Digilight 200 inch Blue, White, Yellow Rice Lights", "Digilight 200 inch Green, Red, White Rice Lights")]
    [InlineData("Turbo LEAGUE Batting Gloves (Men, White, Blue)", "Turbo League Batting Gloves (Men, White, Orange)")]
    [InlineData("GetAbhi Solid Tie", "Getabhi Solid Tie")]
    [InlineData("Www.Thepaper.Asia Floral Flowers Art Canvas Pencil Box", "www.thepaper.asia Floral flowers Art canvas Pencil Box")]
    public void NamesDifferingOnlyByColourCaseOrTrailingParenthesesAreOneFamily(string first, string second)
    {
        var families = ProductFamilies.Of([Item("a", first, "Brand"), Item("b", second, "Brand")]);

        Assert.Equal(0, families.FamilyOf(1));
    }

    [Theory]
    [InlineData("Sapatos Plain Single Duvet Blue", "Sapatos Plain Double Duvet Blue")]
    [InlineData("Thelostpuppy Back Cover for Apple iPad Air", "Thelostpuppy Back Cover for Apple iPad Air 2")]
    [InlineData("HP 15-ac116TX (Notebook) (Core i3 (5th Gen)/ 4GB/ 1TB/ Win10) (N8M19PA)",
        "HP 15-ac121tu (Notebook) (Core i3 (5th Gen)/ 4GB/ 1TB/ Win10) (N8M17PA)")]
    public void NamesDifferingInAnythingElseAreTwoFamilies(string first, string second)
    {
        var families = ProductFamilies.Of([Item("a", first, "Brand"), Item("b", second, "Brand")]);

        Assert.Equal(1, families.FamilyOf(1));
    }

    [Theory]
    [InlineData("Turbo MSE TEST LITE Batting Gloves (Men, White, Orange)", "turbo mse test lite batting gloves")]
    [InlineData("HP 15-ac116TX (Notebook) (Core i3 (5th Gen)/ 4GB/ 1TB/ Win10) (N8M19PA)", "hp 15 ac116tx")]
    [InlineData("IndiWeaves Regular Fit Men's Linen Beige, Blue Trousers", "indiweaves regular fit men's linen trousers")]
    [InlineData("(Pack of 3)", "pack of 3")]
    public void TheNameKeyDropsCaseColoursPunctuationAndTrailingGroups(string name, string key) =>
        Assert.Equal(key, ProductFamilies.NameKey(name));

    [Fact]
    public void WithoutABrandTheCategoryPathMustMatchToo()
    {
        // 50 unbranded "Nimya Solid Men's Polo Neck T-Shirt" share the category node "Nimya T-Shirts"; a generic
        // unbranded name in another seller's node is not their variant.
        var families = ProductFamilies.Of([
            Item("a", "Solid Men's Polo Neck T-Shirt", null, "Clothing", "Nimya T-Shirts"),
            Item("b", "Solid Men's Polo Neck T-Shirt", "", "Clothing", "Nimya T-Shirts"),
            Item("c", "Solid Men's Polo Neck T-Shirt", null, "Clothing", "Other T-Shirts"),
        ]);

        Assert.Equal([0, 0, 2], Enumerable.Range(0, 3).Select(families.FamilyOf));
    }
}
