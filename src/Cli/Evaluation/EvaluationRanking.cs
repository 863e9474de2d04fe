using Aisle.Ranking;

namespace Aisle.Cli.Evaluation;

/// <summary>What an evaluation run ranks with: the silo-wide behaviour settings and the score profile, tuned together.</summary>
public sealed class EvaluationRanking(RankingOptions options, RankingProfile profile)
{
    public RankingOptions Options { get; } = options;

    public RankingProfile Profile { get; set; } = profile;

    public EvaluationRanking Clone() => new(Options.Clone(), Profile);
}
