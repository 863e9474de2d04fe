using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Aisle.Embeddings;

/// <summary>
/// Embeds texts through any <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>, keeping the vectors in one binary
/// file on disk keyed by a hash of each text: a restart re-embeds nothing, a changed product text only itself.
/// </summary>
public sealed class EmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> generator, string filePath)
{
    private const int Magic = 0x41534C45; // "ELSA": guards against reading some other file
    private const int BatchSize = 32;

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
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                var embeddings = await generator.GenerateAsync(batch.Select(i => texts[i]), cancellationToken: ct);
                for (var j = 0; j < batch.Length; j++)
                {
                    vectors[batch[j]] = embeddings[j].Vector.ToArray();
                }

                progress?.Report(Interlocked.Add(ref done, batch.Length));
            });

        Save(keys, vectors);
        return vectors;
    }

    private static ulong Key(string text) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    private Dictionary<ulong, float[]> Load()
    {
        var result = new Dictionary<ulong, float[]>();
        if (!File.Exists(filePath))
        {
            return result;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(filePath));
            if (reader.ReadInt32() != Magic)
            {
                return result;
            }

            var count = reader.ReadInt32();
            var dimensions = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadUInt64();
                var vector = new float[dimensions];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
                result[key] = vector;
            }
        }
        catch (EndOfStreamException)
        {
            // A cache cut short (crash while writing an older version) is only a cache: recompute what is missing.
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
            writer.Write(vectors.Length);
            writer.Write(vectors.Length == 0 ? 0 : vectors[0].Length);
            for (var i = 0; i < vectors.Length; i++)
            {
                writer.Write(keys[i]);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors[i].AsSpan()));
            }
        }

        // Rename is atomic: a crash mid-write leaves the old cache, never a torn one.
        File.Move(temp, filePath, overwrite: true);
    }
}
