namespace Aisle.Cli.SearchEvaluation;

/// <summary>One judged query's answer and its scores.</summary>
/// <param name="Relevant">Products in the catalog relevant to the query: the ideal ranking's length.</param>
/// <param name="Shown">The top results, best first, each marked relevant or not.</param>
/// <param name="PriceBreaks">Shown products outside the price range the query asked for.</param>
/// <param name="Understood">What the server says it understood (category, brand, price), for reading the failures.</param>
public sealed record QueryOutcome(
    SearchJudgement Judgement, int Relevant, IReadOnlyList<ShownResult> Shown, double Precision, double Ndcg, int PriceBreaks,
    string Understood, TimeSpan Latency);

/// <summary>A result as shown to the shopper, and whether the judgement counts it relevant.</summary>
public sealed record ShownResult(string Name, string Category, decimal? Price, bool Relevant);
