using Aisle.Experiments;

namespace Aisle.Tests.Experiments;

public sealed class ExperimentValidatorTests
{
    private static ExperimentSpec Spec(string name = "exp", string status = "running", string surface = "recommendations", double a = 50, double b = 50) => new()
    {
        Name = name,
        Status = status,
        Surface = surface,
        Variants =
        [
            new VariantSpec { Name = "control", Weight = a, Strategy = "popular" },
            new VariantSpec { Name = "treatment", Weight = b, Weights = new() { ["taste"] = 1.0 } },
        ],
    };

    private static (ExperimentDefinition? Definition, Dictionary<string, List<string>> Errors) Validate(ExperimentSpec spec)
    {
        var errors = new Dictionary<string, List<string>>();
        return (ExperimentValidator.Validate(spec, errors), errors);
    }

    [Fact]
    public void AValidSpecBecomesADefinitionWithItsDefaults()
    {
        var (definition, errors) = Validate(Spec());

        Assert.Empty(errors);
        Assert.NotNull(definition);
        Assert.Equal("exp", definition.Salt);
        Assert.Equal(ExperimentStatus.Running, definition.Status);
        Assert.Equal(ExperimentSurface.Recommendations, definition.Surface);
        Assert.Equal(Aisle.Ranking.RecommendationStrategy.Popular, definition.Variants[0].Strategy);
        Assert.Equal(1.0, definition.Variants[1].Weights["Taste"]);
        Assert.Equal(ExperimentDefinition.DefaultAttributionWindow, definition.AttributionWindow);
    }

    [Fact]
    public void WeightsThatDoNotSumToAHundredAreRefusedOnTheVariantsField()
    {
        var (definition, errors) = Validate(Spec(a: 50, b: 40));

        Assert.Null(definition);
        Assert.Contains("sum to 90", Assert.Single(errors["variants"]));
    }

    [Fact]
    public void ANullVariantIsRefusedOnItsField()
    {
        var spec = Spec();
        spec.Variants![1] = null!;

        var (definition, errors) = Validate(spec);

        Assert.Null(definition);
        Assert.Contains("variants[1]", errors.Keys);
    }

    [Fact]
    public void EveryBadFieldIsNamed()
    {
        var spec = Spec(status: "live", surface: "home");
        spec.HoldoutPercent = 80;
        spec.Variants![1].Weights = new() { ["colour"] = 1 };
        spec.Variants[1].Strategy = "magic";
        spec.Variants[0].Name = "holdout";

        var (_, errors) = Validate(spec);

        Assert.Equal(
            ["holdoutPercent", "status", "surface", "variants[0].name", "variants[1].strategy", "variants[1].weights.colour"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASecondRunningExperimentOnTheSameSurfaceIsRefusedButOneOnAnotherSurfaceIsNot()
    {
        var errors = new Dictionary<string, List<string>>();
        Assert.Null(ExperimentValidator.ValidateSet([Spec("one"), Spec("two")], errors));
        Assert.Contains("mutually exclusive", Assert.Single(errors["experiments[1].status"]));

        var fine = new Dictionary<string, List<string>>();
        Assert.NotNull(ExperimentValidator.ValidateSet([Spec("one"), Spec("two", surface: "search"), Spec("three", status: "draft")], fine));
        Assert.Empty(fine);

        var all = new Dictionary<string, List<string>>();
        Assert.Null(ExperimentValidator.ValidateSet([Spec("one", surface: "search"), Spec("two", surface: "all")], all));
    }

    [Fact]
    public void ADefinitionRoundTripsThroughItsSpec()
    {
        var (definition, _) = Validate(Spec());

        var (again, errors) = Validate(ExperimentValidator.ToSpec(definition!));

        Assert.Empty(errors);
        Assert.Equal(definition!.Name, again!.Name);
        Assert.Equal(definition.Variants.Select(v => (v.Name, v.Weight, v.Strategy)), again.Variants.Select(v => (v.Name, v.Weight, v.Strategy)));
        Assert.Equal(definition.Variants[1].Weights, again.Variants[1].Weights);
    }
}
