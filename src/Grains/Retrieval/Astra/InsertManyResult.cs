namespace Aisle.Retrieval.Astra;

/// <summary>What an unordered <c>insertMany</c> did: the ids it inserted and the errors it reported for the rest.</summary>
public sealed record InsertManyResult(IReadOnlySet<string> InsertedIds, IReadOnlyList<DataApiError> Errors);
