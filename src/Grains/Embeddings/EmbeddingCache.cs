using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Aisle.Embeddings;

/// <summary>
/// Embeds texts through any <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>, keeping the vectors in one binary
/// file on disk keyed by a hash of each text: a restart re-embeds nothing, a changed product text only itself. The
/// file names the encoder that wrote it (<see cref="EncoderIdentity"/>); a file of another encoder, or of another
/// format version, is stale and rebuilt whole, never mixed with new vectors. Each vector carries a CRC-32 of itself and
/// its key: a damaged one (a flipped bit on disk) is embedded again instead of answering searches wrongly.
/// </summary>
/// <param name="workers">
/// Threads that run the generator, each a dedicated thread (not a thread-pool one): encoding blocks for seconds, and
/// on pool threads it starved the requests and health checks served meanwhile.
/// </param>
public sealed class EmbeddingCache(
    IEmbeddingGenerator<string, Embedding<float>> generator, string filePath, int workers = 0)
{
    private const int Magic = 0x42454D41; // "AMEB": guards against reading some other file (format 1 used "ELSA")
    public const int FormatVersion = 3;

    // More than any embedding model makes; a larger figure in the header is damage, not a model.
    private const int MaxDimensions = 16_384;
    private const int BatchSize = 32;

    /// <summary>
    /// The cache's file name for a model. It carries the format version so that processes of an older build sharing
    /// the directory (test runs, a rolling upgrade) keep their own file instead of rebuilding each other's in turn.
    /// </summary>
    public static string FileName(string modelId) => $"embeddings-{modelId}.v{FormatVersion}.bin";

    /// <summary>What must match for cached vectors to be reused: provider (how vectors are made), model, dimensions.</summary>
    public string EncoderIdentity { get; } = Identity(generator);

    /// <summary>Why the file on disk was not used, when it was not (none, another encoder, unreadable…).</summary>
    public string? StaleReason { get; private set; }

    /// <summary>Vectors for <paramref name="texts"/>, in order. Computes the missing ones in parallel batches.</summary>
    /// <param name="progress">Receives the number of texts embedded so far (cached ones count at once).</param>
    public async Task<float[][]> GetOrComputeAsync(
        IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var cached = Load();
        var vectors = new float[texts.Count][];
        var keys = new ulong[texts.Count];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            keys[i] = Key(texts[i]);
            if (cached.TryGetValue(keys[i], out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        var done = texts.Count - missing.Count;
        progress?.Report(done);
        if (missing.Count == 0)
        {
            return vectors;
        }

        // Shortest texts first: a batch is padded to its longest member, so similar lengths waste less work.
        missing.Sort((a, b) => texts[a].Length.CompareTo(texts[b].Length));
        var batches = missing.Chunk(BatchSize).ToArray();
        var next = -1;
        var threads = workers > 0 ? workers : Environment.ProcessorCount;
        var tasks = Enumerable.Range(0, Math.Min(threads, batches.Length)).Select(_ => Task.Factory.StartNew(
            () =>
            {
                for (var b = Interlocked.Increment(ref next); b < batches.Length; b = Interlocked.Increment(ref next))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var batch = batches[b];
                    // Blocking is the point here: this is a thread of its own, and the generator computes in-process.
                    var embeddings = generator.GenerateAsync(batch.Select(i => texts[i]), cancellationToken: cancellationToken)
                        .GetAwaiter().GetResult();
                    for (var j = 0; j < batch.Length; j++)
                    {
                        vectors[batch[j]] = embeddings[j].Vector.ToArray();
                    }

                    progress?.Report(Interlocked.Add(ref done, batch.Length));
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        await Task.WhenAll(tasks);

        Save(keys, vectors);
        return vectors;
    }

    private static string Identity(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return $"{metadata?.ProviderName}|{metadata?.DefaultModelId}|{metadata?.DefaultModelDimensions}";
    }

    private static ulong Key(string text) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    private Dictionary<ulong, float[]> Load()
    {
        var result = new Dictionary<ulong, float[]>();
        if (!File.Exists(filePath))
        {
            StaleReason = "no cache file";
            return result;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(filePath));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion)
            {
                StaleReason = "another file format";
                return result;
            }

            var identity = reader.ReadString();
            if (identity != EncoderIdentity)
            {
                StaleReason = $"written by another encoder ({identity})";
                return result;
            }

            var count = reader.ReadInt32();
            var dimensions = reader.ReadInt32();
            if (count < 0 || dimensions <= 0 || dimensions > MaxDimensions)
            {
                StaleReason = $"damaged header ({count} vectors of {dimensions} dimensions)";
                return result;
            }

            var record = new byte[sizeof(ulong) + dimensions * sizeof(float)];
            var damaged = 0;
            for (var i = 0; i < count; i++)
            {
                reader.BaseStream.ReadExactly(record);
                if (reader.ReadUInt32() != Crc32.HashToUInt32(record))
                {
                    damaged++;
                    continue;
                }

                result[BitConverter.ToUInt64(record)] = MemoryMarshal.Cast<byte, float>(record.AsSpan(sizeof(ulong))).ToArray();
            }

            if (damaged > 0)
            {
                StaleReason = $"{damaged} damaged vectors";
            }
        }
        catch (EndOfStreamException)
        {
            // A cache cut short (a full disk, a copy interrupted) is only a cache: recompute what is missing.
            StaleReason = "cut short";
        }

        return result;
    }

    private void Save(ulong[] keys, float[][] vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        // A temp name of its own: processes sharing one cache (the silos of a cluster, parallel test fixtures) may
        // save at the same moment, and must not write into each other's temp file.
        var temp = $"{filePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(EncoderIdentity);
            writer.Write(vectors.Length);
            writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
            var record = new byte[sizeof(ulong) + (vectors.Length == 0 ? 0 : vectors[0].Length) * sizeof(float)];
            for (var i = 0; i < vectors.Length; i++)
            {
                BitConverter.TryWriteBytes(record, keys[i]);
                MemoryMarshal.AsBytes(vectors[i].AsSpan()).CopyTo(record.AsSpan(sizeof(ulong)));
                writer.Write(record);
                writer.Write(Crc32.HashToUInt32(record));
            }
        }

        // Rename is atomic: a crash mid-write leaves the old cache, never a torn one.
        File.Move(temp, filePath, overwrite: true);
    }
}
