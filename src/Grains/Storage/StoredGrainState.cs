namespace Aisle.Storage;

/// <summary>One persisted grain state as returned by <see cref="IGrainStateReader.ReadAllAsync{T}"/>.</summary>
/// <param name="Key">The grain's primary key string (for grain id <c>product/abc</c> this is <c>abc</c>).</param>
/// <param name="State">The deserialized state.</param>
/// <param name="ETag">The stored version of the state.</param>
public sealed record StoredGrainState<T>(string Key, T State, string ETag);
