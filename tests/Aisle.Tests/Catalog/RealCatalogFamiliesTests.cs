using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

/// <summary>Families of the bundled Flipkart catalog, against the figures the issue measured (9,059 products share an exact
/// name and brand; one tablet cover comes in 141 designs).</summary>
public sealed class RealCatalogFamiliesTests(RealCatalogFixture catalog) : IClassFixture<RealCatalogFixture>
{
    [Fact]
    public void TheCatalogsVariantsFormFamilies()
    {
        var products = catalog.Result.Products;
        var families = ProductFamilies.Of(products);
        var cover = products.Select((p, row) => (p, row)).First(x => x.p.Name == "Thelostpuppy Back Cover for Apple iPad Air").row;
        var bellies = products.Select((p, row) => (p, row)).Where(x => x.p.Name == "Bonzer Bellies").Select(x => x.row).ToArray();

        Assert.Equal(141, families.Members(cover).Count);
        Assert.Equal(3, bellies.Length);
        Assert.Equal(bellies, families.Members(bellies[0]));
        // Exact name and brand alone groups ~9,050 (unbranded ones by category path); colours and trailing groups add
        // a few hundred, while most products stay on their own.
        Assert.InRange(families.GroupedProducts, 9_000, 10_500);
        Assert.InRange(products.Count - families.GroupedProducts + families.Groups, 12_000, 13_100);
    }
}
