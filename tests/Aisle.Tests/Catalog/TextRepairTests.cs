using Aisle.Catalog;

namespace Aisle.Tests.Catalog;

public sealed class TextRepairTests
{
    [Theory]
    [InlineData("Discovery Toys MarbleworksÃ¢Â® Marble Run Starter Set By", "Discovery Toys Marbleworks® Marble Run Starter Set By")]
    [InlineData("CafÃ©", "Café")]
    [InlineData("Donâ€™t", "Don’t")]
    [InlineData("Sony Â® Cameraâ„¢", "Sony ® Camera™")]
    [InlineData("ÃƒÂ©clair", "éclair")]
    [InlineData("â€œQuotedâ€\u009d", "“Quoted”")]
    public void MojibakeIsRepaired(string broken, string expected)
    {
        Assert.Equal(expected, TextRepair.Fix(broken, out var repaired));
        Assert.True(repaired);
    }

    [Theory]
    [InlineData("Crème brûlée naïve Señor")]
    [InlineData("Temperature 40° ± 2")]
    [InlineData("Dress – Blue • 100% Cotton")]
    [InlineData("Price in ₹ and €")]
    [InlineData("Plain ASCII text")]
    public void CorrectTextIsLeftAlone(string text)
    {
        Assert.Equal(text, TextRepair.Fix(text, out var repaired));
        Assert.False(repaired);
    }

    [Fact]
    public void CleanAsciiReturnsTheSameInstance()
    {
        var text = "Alisha Solid Women's Cycling Shorts";
        Assert.Same(text, TextRepair.Fix(text));
    }

    [Theory]
    [InlineData("  Bengal Blooms  Rose\u00A0Plant \r\n with\tPot  ", "Bengal Blooms Rose Plant with Pot")]
    [InlineData("Gm-729\uFFFD\uFFFD\uFFFD Trimmer", "Gm-729 Trimmer")]
    [InlineData(" \n ", "")]
    public void WhitespaceIsNormalisedAndReplacementCharactersDropped(string text, string expected)
    {
        Assert.Equal(expected, TextRepair.Fix(text, out var repaired));
        Assert.False(repaired);
    }
}
