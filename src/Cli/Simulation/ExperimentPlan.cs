using Aisle.Experiments;

namespace Aisle.Cli.Simulation;

/// <summary>One experiment the simulator runs on the recommendations surface, and the shoppers it sends through it.</summary>
/// <param name="Title">For the output ("popular vs personalized").</param>
/// <param name="ShopperPrefix">Shopper ids are <c>{prefix}{customer}-{k}</c>.</param>
/// <param name="Treatment">The variant expected to beat the control, for the verdict.</param>
public sealed record ExperimentPlan(string Title, string Name, string ShopperPrefix, string Control, string Treatment, ExperimentSpec Spec)
{
    /// <summary>Popular (control) against personalized (hybrid), 50/50.</summary>
    public static ExperimentPlan PopularVsPersonalized(string stamp) => Create(
        "popular vs personalized", $"sim-pvp-{stamp}", $"sim-{stamp}-", ("popular", "popular"), ("personalized", "hybrid"));

    /// <summary>A/A: both variants hybrid, on shoppers of their own.</summary>
    public static ExperimentPlan AaTest(string stamp) => Create(
        "A/A (hybrid vs hybrid)", $"sim-aa-{stamp}", $"sim-{stamp}-aa-", ("a", "hybrid"), ("b", "hybrid"));

    private static ExperimentPlan Create(string title, string name, string prefix, (string Name, string Strategy) control, (string Name, string Strategy) treatment) =>
        new(title, name, prefix, control.Name, treatment.Name, new ExperimentSpec
        {
            Name = name,
            Status = "running",
            Surface = "recommendations",
            HoldoutPercent = 0,
            Variants =
            [
                new VariantSpec { Name = control.Name, Weight = 50, Strategy = control.Strategy },
                new VariantSpec { Name = treatment.Name, Weight = 50, Strategy = treatment.Strategy },
            ],
        });
}
