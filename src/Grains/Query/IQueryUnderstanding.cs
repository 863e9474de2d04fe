namespace Aisle.Query;

/// <summary>
/// Reads what a shopper's search text asks for. The rules (<see cref="QueryUnderstanding"/>) are the default and
/// always-available answer; a language model may stand in front of them and falls back to them whenever it cannot
/// answer in time. Implementations never throw for any input and answer within their time budget.
/// </summary>
public interface IQueryUnderstanding
{
    /// <summary>Understands <paramref name="query"/>. The rules complete synchronously, so the common path allocates no task.</summary>
    ValueTask<ParsedQuery> UnderstandAsync(string? query, CancellationToken cancellationToken);
}
