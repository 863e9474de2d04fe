using Aisle.Query;

namespace Aisle.Tests.Query;

public sealed class PricePhrasesTests
{
    [Theory]
    [InlineData("shoes under 1000", null, 1000.0, "shoes")]
    [InlineData("below 500 watch", null, 500.0, "watch")]
    [InlineData("bag less than 2k", null, 2000.0, "bag")]
    [InlineData("kurta upto 999", null, 999.0, "kurta")]
    [InlineData("kurta up to 999", null, 999.0, "kurta")]
    [InlineData("saree within 1,500", null, 1500.0, "saree")]
    [InlineData("max 800 mug", null, 800.0, "mug")]
    [InlineData("under rs.750 belt", null, 750.0, "belt")]
    [InlineData("sofa under INR 1,00,000", null, 100000.0, "sofa")]
    [InlineData("ring under ₹1.5k", null, 1500.0, "ring")]
    [InlineData("perfume 700 or less", null, 700.0, "perfume")]
    [InlineData("watch over 2000", 2000.0, null, "watch")]
    [InlineData("above 300 wallet", 300.0, null, "wallet")]
    [InlineData("more than 1.5k", 1500.0, null, "")]
    [InlineData("shoes 1000 and above", 1000.0, null, "shoes")]
    [InlineData("phone 2000+", 2000.0, null, "phone")]
    [InlineData("kurta between 500 and 1000", 500.0, 1000.0, "kurta")]
    [InlineData("kurta 500-1000", 500.0, 1000.0, "kurta")]
    [InlineData("kurta 500 to 1000", 500.0, 1000.0, "kurta")]
    [InlineData("₹500 to ₹1000 kurta", 500.0, 1000.0, "kurta")]
    [InlineData("rs 500 - rs. 1000 kurta", 500.0, 1000.0, "kurta")]
    [InlineData("price between 1000 and 500", 500.0, 1000.0, "")]
    [InlineData("watch above 500 under 2000", 500.0, 2000.0, "watch")]
    public void PricePhrasesBecomeBoundsAndLeaveTheText(string text, double? min, double? max, string rest)
    {
        var price = PricePhrases.Extract(text);

        Assert.Equal(min, price.Min);
        Assert.Equal(max, price.Max);
        Assert.Equal(rest, Normalise(price.RemainingText));
    }

    [Theory]
    [InlineData("tshirt 2-3 years")]
    [InlineData("pen drive 32 gb")]
    [InlineData("toys for kids under 10")]
    [InlineData("iphone 6 cover")]
    [InlineData("dumbbell under 5 kg")]
    [InlineData("bottle 1000 ml")]
    [InlineData("t-shirt")]
    [InlineData("")]
    public void NumbersThatAreNotPricesStayInTheText(string text)
    {
        var price = PricePhrases.Extract(text);

        Assert.Null(price.Min);
        Assert.Null(price.Max);
        Assert.Equal(text, price.RemainingText);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
