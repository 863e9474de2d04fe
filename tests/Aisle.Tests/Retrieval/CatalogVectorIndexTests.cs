using Aisle.Hosting;
using Aisle.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aisle.Tests.Retrieval;

public sealed class CatalogVectorIndexTests
{
    [Theory]
    [InlineData(20_000, typeof(EmbeddedVectorIndex))]
    [InlineData(100_000, typeof(EmbeddedVectorIndex))]
    [InlineData(100_001, typeof(ApproximateVectorIndex))]
    public void CatalogsAboveTheConfiguredSizeGetTheApproximateIndex(int catalogSize, Type expected)
    {
        using var index = new CatalogVectorIndex(new VectorIndexOptions(), 8);
        index.Prepare(catalogSize);
        Assert.IsType(expected, index.Inner);
    }

    [Fact]
    public void TheThresholdComesFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Aisle:Vectors:ApproximateAbove"] = "500" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddAisleDomain(configuration).BuildServiceProvider();
        var index = services.GetRequiredService<CatalogVectorIndex>();
        Assert.Same(index, services.GetRequiredService<IVectorIndex>());

        index.Prepare(501);

        Assert.IsType<ApproximateVectorIndex>(index.Inner);
    }

    [Fact]
    public void TheFirstChoiceStaysAndAnIndexUsedBeforeAChoiceIsExact()
    {
        using var index = new CatalogVectorIndex(new VectorIndexOptions { ApproximateAbove = 10 }, 8);
        Assert.Equal(0, index.Count);
        index.Prepare(1_000);

        Assert.IsType<EmbeddedVectorIndex>(index.Inner);
    }
}
