namespace Aisle.Cli.Evaluation;

/// <summary>One strategy's figures on the validation item (used for tuning) and on the test item (reported).</summary>
public sealed record StrategyResult(string Strategy, StrategyMetrics Validation, StrategyMetrics Test);

/// <summary>Everything an evaluation measured, for the console table and the report.</summary>
public sealed record EvaluationRun(
    string DataFile,
    int Users,
    int Items,
    int Interactions,
    int ReplayedEvents,
    int RejectedEvents,
    IReadOnlyList<StrategyResult> Results,
    IReadOnlyList<(string Name, string Value)> TunedOptions,
    IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings,
    TimeSpan Total,
    ModelTraining Model);

/// <summary>What training the learned model took: wall time (training and neighbour lists), the process's peak working
/// set by then, and the settings.</summary>
public sealed record ModelTraining(TimeSpan Time, long PeakWorkingSetBytes, Aisle.Learning.TrainingSettings Settings);
