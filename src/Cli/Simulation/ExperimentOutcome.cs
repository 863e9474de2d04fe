using Aisle.Experiments;

namespace Aisle.Cli.Simulation;

/// <summary>What one experiment's replay produced: Aisle's report once its totals settled, the traffic sent, what the
/// shoppers did per variant as the simulator saw it, and whether the duration cap cut the replay short.</summary>
public sealed record ExperimentOutcome(
    ExperimentPlan Plan,
    ExperimentReport Report,
    SimulationCounters Traffic,
    IReadOnlyDictionary<(string Variant, StepOutcome Outcome), long> Steps,
    int ShoppersPlanned,
    bool CutShort);
