namespace Aisle.Cli.SearchEvaluation;

/// <summary>Every judged query's outcome, and the means the floors are checked against.</summary>
public sealed record SearchEvaluationRun(IReadOnlyList<QueryOutcome> Queries)
{
    public double Precision => Queries.Count == 0 ? 0 : Queries.Average(q => q.Precision);

    public double Ndcg => Queries.Count == 0 ? 0 : Queries.Average(q => q.Ndcg);

    /// <summary>Shown products outside a price range their query asked for, over all queries.</summary>
    public int PriceBreaks => Queries.Sum(q => q.PriceBreaks);

    /// <summary>Places shown for queries that ask for a price range: what <see cref="PriceBreaks"/> is out of.</summary>
    public int PricedPlaces => Queries.Where(q => q.Judgement.HasPriceConstraint).Sum(q => q.Shown.Count);

    public int Empty => Queries.Count(q => q.Shown.Count == 0);

    public TimeSpan MedianLatency => Queries.Count == 0
        ? TimeSpan.Zero
        : Queries.Select(q => q.Latency).Order().ElementAt(Queries.Count / 2);
}
