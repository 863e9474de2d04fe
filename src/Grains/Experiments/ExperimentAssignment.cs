using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aisle.Experiments;

/// <summary>
/// Deterministic assignment: SHA-256 of "salt:shopper" into <see cref="Buckets"/> buckets, the holdout taking the first
/// <see cref="ExperimentDefinition.HoldoutPercent"/> of them and the variants the rest by their weights. Pure, so every
/// silo and frontend assigns a shopper alike, after restarts, with no per-shopper state.
/// </summary>
public static class ExperimentAssignment
{
    public const int Buckets = 10_000;

    /// <summary>The shopper's bucket in [0, <see cref="Buckets"/>).</summary>
    public static int Bucket(string salt, string shopperId)
    {
        // A cryptographic hash because its output is uniform whatever the ids look like (sequential, prefixed…);
        // at well under a microsecond it is not worth a weaker one.
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{shopperId}"), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Buckets);
    }

    /// <summary>The variant name, or <see cref="ExperimentDefinition.Holdout"/>, the shopper is assigned to.</summary>
    public static string Assign(ExperimentDefinition experiment, string shopperId)
    {
        var bucket = Bucket(experiment.Salt, shopperId);
        var holdout = (int)Math.Round(experiment.HoldoutPercent * Buckets / 100);
        if (bucket < holdout)
        {
            return ExperimentDefinition.Holdout;
        }

        // Spread the remaining buckets over the variants by weight; the last variant takes any rounding remainder.
        var position = (bucket - holdout) / (double)(Buckets - holdout) * 100;
        var cumulative = 0.0;
        foreach (var variant in experiment.Variants)
        {
            cumulative += variant.Weight;
            if (position < cumulative)
            {
                return variant.Name;
            }
        }

        return experiment.Variants[^1].Name;
    }
}
