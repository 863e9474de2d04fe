namespace Aisle.Users;

/// <summary>
/// A product the recommendations endpoint recently showed a shopper: unless the shopper touched it since, the ranker
/// demotes it, so a shopper who keeps ignoring it sees something else.
/// </summary>
/// <param name="Times">Showings in the current run: counting restarts when the shopper touches the product after a
/// showing, or when the last showing fell out of the window (<c>Aisle:Ranking:ShownWindow</c>).</param>
[GenerateSerializer, Immutable]
public sealed record ShownItem(
    [property: Id(0)] string ProductId,
    [property: Id(1)] int Times,
    [property: Id(2)] DateTimeOffset LastShown);
