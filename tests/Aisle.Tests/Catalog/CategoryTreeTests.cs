using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

public sealed class CategoryTreeTests
{
    [Theory]
    [InlineData("[\"Footwear >> Women's Footwear >> Ballerinas >> AW Bellies\"]", "AW Bellies", "Footwear|Women's Footwear|Ballerinas")]
    [InlineData("[\"Jewellery >> Rings\"]", "Diti Jewellery Gold 18 K Ring", "Jewellery|Rings")]
    [InlineData("[\"Home >> Shelves >> Transtal 'V' Edge 10\\\" Acrylic Wall Shelf (Number...\"]", "Transtal 'V' Edge 10\" Acrylic Wall Shelf", "Home|Shelves")]
    [InlineData("[\"Toys >> Discovery Toys MarbleworksÃ¢Â® Marble Run Starte...\"]", "Discovery Toys Marbleworks® Marble Run Starter Set By", "Toys")]
    [InlineData("[\"Kitchen  >>  Mugs >>\"]", "Mug", "Kitchen|Mugs")]
    [InlineData("[\"AW Bellies\"]", "aw bellies", "")]
    [InlineData("", "Anything", "")]
    [InlineData(null, "Anything", "")]
    public void PathIsTheTreeWithoutTheProductLeaf(string? tree, string name, string expected)
    {
        var path = CategoryTree.Parse(tree, name);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), path);
    }
}
