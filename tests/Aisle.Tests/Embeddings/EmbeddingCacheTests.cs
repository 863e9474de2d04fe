using Aisle.Embeddings;
using Microsoft.Extensions.AI;

namespace Aisle.Tests.Embeddings;

/// <summary>The on-disk cache reuses vectors only when the same encoder wrote them, and embeds off the thread pool.</summary>
public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aisle-cache-test").FullName;
    private readonly string[] _texts = ["red shoes", "blue shirt", "steel watch", "cotton saree", "phone cover"];

    private string FilePath => Path.Combine(_directory, "embeddings.bin");

    [Fact]
    public async Task ARestartWithTheSameEncoderEmbedsNothing()
    {
        var first = new CountingGenerator("v1");
        var vectors = await new EmbeddingCache(first, FilePath).GetOrComputeAsync(_texts);

        var second = new CountingGenerator("v1");
        var cache = new EmbeddingCache(second, FilePath);
        var reloaded = await cache.GetOrComputeAsync(_texts);

        Assert.Equal(_texts.Length, first.Embedded);
        Assert.Equal(0, second.Embedded);
        Assert.Null(cache.StaleReason);
        Assert.Equal(vectors, reloaded);
    }

    [Fact]
    public async Task ACacheWrittenByAnotherEncoderIsRebuiltWhole()
    {
        await new EmbeddingCache(new CountingGenerator("v1"), FilePath).GetOrComputeAsync(_texts);

        var other = new CountingGenerator("v2");
        var cache = new EmbeddingCache(other, FilePath);
        var vectors = await cache.GetOrComputeAsync(_texts);

        Assert.Equal(_texts.Length, other.Embedded);
        Assert.StartsWith("written by another encoder", cache.StaleReason);
        Assert.All(vectors, v => Assert.Equal(CountingGenerator.Marker("v2"), v[1]));

        // And the rebuilt file now belongs to the new encoder.
        var again = new CountingGenerator("v2");
        await new EmbeddingCache(again, FilePath).GetOrComputeAsync(_texts);
        Assert.Equal(0, again.Embedded);
    }

    [Fact]
    public async Task AFileOfTheFirstFormatIsNotRead()
    {
        // Format 1: "ELSA", count, dimensions, then key + vector per text, with no encoder named.
        await using (var writer = new BinaryWriter(File.Create(FilePath)))
        {
            writer.Write(0x41534C45);
            writer.Write(0);
            writer.Write(4);
        }

        var generator = new CountingGenerator("v1");
        var cache = new EmbeddingCache(generator, FilePath);
        await cache.GetOrComputeAsync(_texts);

        Assert.Equal(_texts.Length, generator.Embedded);
        Assert.Equal("another file format", cache.StaleReason);
    }

    [Fact]
    public async Task ADamagedVectorIsEmbeddedAgainNotServed()
    {
        await new EmbeddingCache(new CountingGenerator("v1"), FilePath).GetOrComputeAsync(_texts);
        var bytes = await File.ReadAllBytesAsync(FilePath);
        bytes[^9] ^= 0x40; // one bit inside the last vector: still a plausible float
        await File.WriteAllBytesAsync(FilePath, bytes);

        var generator = new CountingGenerator("v1");
        var cache = new EmbeddingCache(generator, FilePath);
        var vectors = await cache.GetOrComputeAsync(_texts);

        Assert.Equal(1, generator.Embedded);
        Assert.Equal("1 damaged vectors", cache.StaleReason);
        Assert.Equal(_texts.Select(CountingGenerator.Vector("v1")), vectors);
    }

    [Fact]
    public async Task ADamagedHeaderRebuildsTheWholeCache()
    {
        await new EmbeddingCache(new CountingGenerator("v1"), FilePath).GetOrComputeAsync(_texts);
        var bytes = await File.ReadAllBytesAsync(FilePath);
        // The header ends with the dimensions; five records of key, four floats and a CRC follow it.
        var dimensions = bytes.Length - _texts.Length * (8 + 4 * 4 + 4) - 4;
        Assert.Equal(4, BitConverter.ToInt32(bytes, dimensions));
        BitConverter.TryWriteBytes(bytes.AsSpan(dimensions), int.MaxValue);
        await File.WriteAllBytesAsync(FilePath, bytes);

        var generator = new CountingGenerator("v1");
        var cache = new EmbeddingCache(generator, FilePath);
        var vectors = await cache.GetOrComputeAsync(_texts);

        Assert.Equal(_texts.Length, generator.Embedded);
        Assert.StartsWith("damaged header", cache.StaleReason);
        Assert.Equal(_texts.Select(CountingGenerator.Vector("v1")), vectors);
    }

    [Fact]
    public async Task AFileCutShortKeepsWhatItHoldsAndEmbedsTheRest()
    {
        await new EmbeddingCache(new CountingGenerator("v1"), FilePath).GetOrComputeAsync(_texts);
        var bytes = await File.ReadAllBytesAsync(FilePath);
        await File.WriteAllBytesAsync(FilePath, bytes[..^10]); // the last vector loses its end

        var generator = new CountingGenerator("v1");
        var vectors = await new EmbeddingCache(generator, FilePath).GetOrComputeAsync(_texts);

        Assert.Equal(1, generator.Embedded);
        Assert.Equal(_texts.Select(CountingGenerator.Vector("v1")), vectors);
    }

    [Fact]
    public async Task EmbeddingRunsOnDedicatedThreadsNotThePool()
    {
        var generator = new CountingGenerator("v1");
        var texts = Enumerable.Range(0, 200).Select(i => $"text {i}").ToArray();
        await new EmbeddingCache(generator, FilePath, workers: 2).GetOrComputeAsync(texts);

        Assert.Equal(texts.Length, generator.Embedded);
        Assert.False(generator.RanOnThreadPool);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Vectors derived from the text and the provider name, so a test can tell which encoder made one.</summary>
    private sealed class CountingGenerator(string provider) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _embedded;
        private int _onPool;

        public int Embedded => _embedded;

        public bool RanOnThreadPool => _onPool > 0;

        public static float Marker(string provider) => provider.GetHashCode(StringComparison.Ordinal) % 1000;

        public static Func<string, float[]> Vector(string provider) =>
            text => [text.Length, Marker(provider), text[0], text[^1]];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Thread.CurrentThread.IsThreadPoolThread)
            {
                Interlocked.Increment(ref _onPool);
            }

            var texts = values.ToArray();
            Interlocked.Add(ref _embedded, texts.Length);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(Vector(provider)(t)))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata(provider, null, "test", 4) : null;

        public void Dispose()
        {
        }
    }
}
