namespace Aisle.Cli.Evaluation;

/// <summary>Progress of one stage of an evaluation (a progress bar in the console, nothing in tests).</summary>
public interface IStageProgress
{
    void Advance(int by = 1);
}

/// <summary>Starts a stage of <paramref name="total"/> steps.</summary>
public delegate IStageProgress StageStarter(string description, int total);

/// <summary>For callers that show no progress.</summary>
public sealed class NoProgress : IStageProgress
{
    public static readonly StageStarter Starter = (_, _) => new NoProgress();

    public void Advance(int by = 1)
    {
    }
}
