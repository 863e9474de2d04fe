using Aisle.Retrieval.Vector;

namespace Aisle.Tests.Retrieval;

public sealed class VectorKernelTests
{
    public static TheoryData<int> Lengths => [32, 64, 96, 384, 416];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EverySimdKernelAgreesWithTheScalarDotProduct(int length)
    {
        var random = new Random(length);
        for (var trial = 0; trial < 20; trial++)
        {
            var query = new sbyte[length];
            var row = new sbyte[length];
            for (var i = 0; i < length; i++)
            {
                // Extremes included: the u8 × s8 pair sums must not saturate.
                query[i] = trial == 0 ? (sbyte)(i % 2 == 0 ? 127 : -127) : (sbyte)random.Next(-127, 128);
                row[i] = trial == 0 ? (sbyte)(i % 3 == 0 ? -127 : 127) : (sbyte)random.Next(-127, 128);
            }

            var queryAbs = new byte[length];
            Int8DotProduct.Abs(query, queryAbs);
            var expected = Int8DotProduct.DotScalar(query, row);
            Assert.Equal(expected, Int8DotProduct.DotVector128(query, row));
            Assert.Equal(expected, Int8DotProduct.DotAvx2(queryAbs, query, row));
            Assert.Equal(expected, Int8DotProduct.DotAvxVnni(queryAbs, query, row));
            Assert.Equal(expected, Int8DotProduct.Dot(queryAbs, query, row));
        }
    }

    [Fact]
    public void QuantisedValuesRoundTripWithinHalfAStep()
    {
        var random = new Random(5);
        var source = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        // The largest magnitude is negative: its sign must not leak into the scale.
        source[7] = -1.5f;
        var quantised = new sbyte[Int8DotProduct.PaddedLength(source.Length) + 32];
        var scale = Int8Quantizer.Quantize(source, quantised);

        Assert.True(scale > 0);
        Assert.Equal(-127, quantised[7]);
        for (var i = 0; i < source.Length; i++)
        {
            Assert.InRange(Math.Abs(source[i] - quantised[i] * scale), 0, scale / 2 + 1e-6);
        }

        Assert.All(quantised[source.Length..], q => Assert.Equal(0, q));
    }

    [Fact]
    public void ZeroVectorQuantisesToZeroWithZeroScale()
    {
        var quantised = new sbyte[32];
        quantised.AsSpan().Fill(9);
        Assert.Equal(0f, Int8Quantizer.Quantize(new float[32], quantised));
        Assert.All(quantised, q => Assert.Equal(0, q));
    }
}
