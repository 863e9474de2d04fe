using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace Aisle.Embeddings;

/// <summary>
/// Embeds single texts (search queries) on a few dedicated threads, batching the ones that arrive together: a
/// thread takes every queued text (up to <see cref="MaxBatch"/>) and encodes them in one model call. Alone, a query
/// is encoded at once; under load, a batch of 8–16 short queries costs about half the CPU per query of encoding them
/// one by one (the model's matrix products run far better on more rows), and request threads only await, never
/// block, while the model runs. Calls with several texts (the catalog's batches) go straight to the inner generator.
/// </summary>
public sealed class BatchingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Most texts in one model call: measured on queries, 8–16 is where CPU per query stops falling.</summary>
    public const int MaxBatch = 16;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _inner;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Thread[] _threads;

    /// <param name="threads">Encoding threads; default one per core, as each runs the model on one core.</param>
    public BatchingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, int threads = 0)
    {
        _inner = inner;
        _threads = new Thread[threads > 0 ? threads : Environment.ProcessorCount];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"query-embedding-{i}" };
            _threads[i].Start();
        }
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        if (texts.Count != 1)
        {
            return _inner.GenerateAsync(texts, options, cancellationToken);
        }

        // Continuations run on the thread pool, never on an encoding thread.
        var pending = new Pending(texts[0], new TaskCompletionSource<GeneratedEmbeddings<Embedding<float>>>(
            TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BatchingEmbeddingGenerator));
        }

        return cancellationToken.CanBeCanceled
            ? pending.Result.Task.WaitAsync(cancellationToken)
            : pending.Result.Task;
    }

    private void Run()
    {
        var batch = new List<Pending>(MaxBatch);
        // Blocking waits are fine: these threads exist only to run the model.
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var embeddings = _inner.GenerateAsync(batch.Select(p => p.Text)).GetAwaiter().GetResult();
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult([embeddings[i]]);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(ex);
                }
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _inner.Dispose();
    }

    private sealed record Pending(string Text, TaskCompletionSource<GeneratedEmbeddings<Embedding<float>>> Result);
}
