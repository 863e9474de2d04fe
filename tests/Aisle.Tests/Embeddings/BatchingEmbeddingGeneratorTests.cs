using Aisle.Embeddings;
using Microsoft.Extensions.AI;

namespace Aisle.Tests.Embeddings;

/// <summary>Single texts arriving together are encoded together, each caller getting its own text's vector.</summary>
public sealed class BatchingEmbeddingGeneratorTests
{
    [Fact]
    public async Task ConcurrentQueriesShareModelCallsAndGetTheirOwnVectors()
    {
        using var inner = new SlowGenerator();
        using var batching = new BatchingEmbeddingGenerator(inner, threads: 1);
        var texts = Enumerable.Range(1, 40).Select(i => new string('x', i)).ToArray();

        var results = await Task.WhenAll(texts.Select(t => batching.GenerateAsync([t])));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(texts[i].Length, results[i][0].Vector.Span[0]);
        }

        // One thread, each call 20 ms: texts queued behind the first call go in batches, not one call each.
        Assert.True(inner.Calls < texts.Length / 2, $"{inner.Calls} model calls for {texts.Length} texts");
        Assert.True(inner.Largest <= BatchingEmbeddingGenerator.MaxBatch);
        Assert.StartsWith("query-embedding-", inner.LastThread);
    }

    [Fact]
    public async Task AQueryAloneIsEncodedAtOnce()
    {
        using var inner = new SlowGenerator();
        using var batching = new BatchingEmbeddingGenerator(inner, threads: 2);

        var result = await batching.GenerateAsync(["watch"]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(5f, result[0].Vector.Span[0]);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task SeveralTextsGoStraightToTheModel()
    {
        using var inner = new SlowGenerator();
        using var batching = new BatchingEmbeddingGenerator(inner, threads: 1);

        var result = await batching.GenerateAsync(["a", "bb", "ccc"]);

        Assert.Equal([1f, 2f, 3f], result.Select(e => e.Vector.Span[0]));
        Assert.DoesNotContain("query-embedding-", inner.LastThread ?? ""); // the caller's thread
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task AModelFailureReachesEveryCallerOfTheBatch()
    {
        using var batching = new BatchingEmbeddingGenerator(new SlowGenerator(fail: true), threads: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batching.GenerateAsync(["watch"]));
    }

    /// <summary>A model that takes 20 ms a call and returns each text's length as its vector.</summary>
    private sealed class SlowGenerator(bool fail = false) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _calls;
        private int _largest;

        public int Calls => _calls;

        public int Largest => _largest;

        public string? LastThread { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToArray();
            Interlocked.Increment(ref _calls);
            LastThread = Thread.CurrentThread.Name;

            int seen;
            while ((seen = _largest) < texts.Length && Interlocked.CompareExchange(ref _largest, texts.Length, seen) != seen)
            {
            }

            Thread.Sleep(20);
            if (fail)
            {
                throw new InvalidOperationException("model failed");
            }

            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(new float[] { t.Length }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
