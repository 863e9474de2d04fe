using System.Numerics.Tensors;
using Aisle.Catalog;
using Aisle.Cli.Scale;
using Aisle.Embeddings;
using Aisle.Tests.Catalog;

namespace Aisle.Tests.Scale;

public sealed class CatalogDerivationTests
{
    private static readonly IReadOnlyList<Product> Source = CatalogLoader.Load(RepoFiles.Catalog20k).Products.Take(200).ToList();

    [Fact]
    public void DerivedRowsWrittenAsFlipkartCsvReadBackAsTheSameProducts()
    {
        var derivation = new CatalogDerivation(seed: 3, noise: 0.02f);
        var products = Enumerable.Range(0, 3).SelectMany(copy => Source.Select((p, s) => derivation.Product(p, copy, s))).ToList();
        var text = new StringWriter();
        var writer = new FlipkartCsvWriter(text);
        writer.WriteHeader();
        products.ForEach(writer.Write);

        var loaded = CatalogLoader.Load(new StringReader(text.ToString()));

        Assert.Empty(loaded.Rejected);
        Assert.Equal(products.Select(p => (p.Id, p.Name, p.Brand, p.Category, p.Price, p.Rating)),
            loaded.Products.Select(p => (p.Id, p.Name, p.Brand, p.Category, p.Price, p.Rating)));
        Assert.Equal(products.Count, products.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void DerivationRepeatsAcrossRunsAndKeepsVectorsNearTheirSource()
    {
        var source = Enumerable.Range(0, 384).Select(i => (float)Math.Sin(i)).ToArray();
        TensorPrimitives.Divide(source, TensorPrimitives.Norm(source), source);
        var first = new CatalogDerivation(seed: 3, noise: 0.02f);
        var again = new CatalogDerivation(seed: 3, noise: 0.02f);

        Assert.Same(source, first.Vector(source, 0, 7));
        var vector = first.Vector(source, 4, 7);
        Assert.Equal(vector, again.Vector(source, 4, 7));
        Assert.Equal(first.Product(Source[7], 4, 7), again.Product(Source[7], 4, 7));
        Assert.NotEqual(vector, first.Vector(source, 5, 7));
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 4);
        // σ = 0.02 over 384 components: cosine ≈ 1 / √(1 + 384·0.02²) ≈ 0.93 to the source.
        Assert.InRange(TensorPrimitives.Dot(vector, source), 0.90f, 0.96f);
    }
}
