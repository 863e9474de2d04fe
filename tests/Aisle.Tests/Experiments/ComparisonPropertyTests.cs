using Aisle.Experiments.Statistics;

namespace Aisle.Tests.Experiments;

/// <summary>Properties every test must keep over many random inputs, empty and degenerate arms included.</summary>
public sealed class ComparisonPropertyTests
{
    private static IEnumerable<(long Trials, long Successes)> Arms(int seed)
    {
        var random = new Random(seed);
        yield return (0, 0);
        yield return (1, 0);
        yield return (1, 1);
        yield return (50, 0);
        yield return (50, 50);
        for (var i = 0; i < 300; i++)
        {
            var trials = random.Next(0, 3) switch { 0 => random.Next(0, 20), 1 => random.Next(0, 2_000), _ => random.Next(0, 1_000_000) };
            var rate = random.NextDouble() * (random.Next(2) == 0 ? 0.1 : 1);
            yield return (trials, (long)Math.Round(trials * rate));
        }
    }

    private static IEnumerable<(SampleMoments Control, SampleMoments Variant)> Pairs(int seed)
    {
        var arms = Arms(seed).ToArray();
        var random = new Random(seed + 1);
        foreach (var arm in arms)
        {
            var other = arms[random.Next(arms.Length)];
            yield return (SampleMoments.Bernoulli(arm.Trials, arm.Successes), SampleMoments.Bernoulli(other.Trials, other.Successes));
        }

        // Revenue-like: mostly zeros, a few large orders.
        for (var i = 0; i < 100; i++)
        {
            yield return (Revenue(random, random.Next(0, 400)), Revenue(random, random.Next(0, 400)));
        }
    }

    private static SampleMoments Revenue(Random random, int shoppers)
    {
        var moments = default(SampleMoments);
        for (var i = 0; i < shoppers; i++)
        {
            moments = moments.Add(random.NextDouble() < 0.05 ? Math.Round(random.NextDouble() * 200, 2) : 0);
        }

        return moments;
    }

    private static IEnumerable<(string Name, Func<SampleMoments, SampleMoments, Comparison> Test)> FixedHorizonTests() =>
    [
        ("z-test", (c, v) => TwoProportionZTest.Compare((long)c.Sum, c.Count, (long)v.Sum, v.Count)),
        ("Welch", (c, v) => WelchTTest.Compare(c, v)),
    ];

    [Fact]
    public void FixedHorizonIntervalsContainTheEstimateAndPValuesAreProbabilities()
    {
        foreach (var (name, test) in FixedHorizonTests())
        {
            foreach (var (control, variant) in Pairs(11).Where(p => name == "Welch" || IsBernoulli(p)))
            {
                var result = test(control, variant);
                var where = $"{name} {control} vs {variant}: {result}";

                Assert.True(result.PValue is >= 0 and <= 1, where);
                Assert.True(result.DifferenceLow <= result.Difference && result.Difference <= result.DifferenceHigh, where);
                if (control.Mean != 0)
                {
                    Assert.True(result.LiftLow <= result.Lift && result.Lift <= result.LiftHigh, where);
                }
                else
                {
                    Assert.True(double.IsNaN(result.Lift), where);
                }
            }
        }
    }

    [Fact]
    public void SwappingControlAndVariantMirrorsTheFixedHorizonResult()
    {
        foreach (var (name, test) in FixedHorizonTests())
        {
            foreach (var (control, variant) in Pairs(12).Where(p => name == "Welch" || IsBernoulli(p)))
            {
                var forward = test(control, variant);
                var backward = test(variant, control);
                var where = $"{name} {control} vs {variant}";

                Assert.Equal(forward.PValue, backward.PValue, 1e-12);
                Assert.Equal(-forward.Difference, backward.Difference, 1e-15);
                Assert.Equal(-forward.DifferenceHigh, backward.DifferenceLow, 1e-12);
                Assert.Equal(-forward.DifferenceLow, backward.DifferenceHigh, 1e-12);
                Assert.True(forward.ControlValue == backward.VariantValue, where);
            }
        }
    }

    [Fact]
    public void SequentialIntervalsContainTheEstimateAndSwappingMirrorsThem()
    {
        foreach (var (control, variant) in Pairs(13))
        {
            var forward = MixtureSequentialTest.Compare(control, variant);
            var backward = MixtureSequentialTest.Compare(variant, control);
            var where = $"{control} vs {variant}: {forward}";

            Assert.True(forward.PValue is >= 0 and <= 1, where);
            Assert.True(forward.Low <= forward.Difference && forward.Difference <= forward.High, where);
            Assert.Equal(forward.PValue, backward.PValue, 1e-12);
            Assert.Equal(-forward.High, backward.Low, 1e-12);
            Assert.Equal(-forward.Low, backward.High, 1e-12);
            Assert.Equal(forward.Significant, backward.Significant);
        }
    }

    [Fact]
    public void AStricterAlphaWidensTheSequentialIntervalButLeavesThePValueAlone()
    {
        var control = SampleMoments.Bernoulli(20_000, 1_000);
        var variant = SampleMoments.Bernoulli(20_000, 1_150);

        var standard = MixtureSequentialTest.Compare(control, variant);
        var strict = MixtureSequentialTest.Compare(control, variant, alpha: 0.01);

        Assert.True(strict.High - strict.Low > standard.High - standard.Low);
        Assert.Equal(standard.PValue, strict.PValue);
        Assert.True(standard.Significant);
    }

    private static bool IsBernoulli((SampleMoments Control, SampleMoments Variant) pair) =>
        pair.Control.Sum == pair.Control.SumOfSquares && pair.Variant.Sum == pair.Variant.SumOfSquares;
}
