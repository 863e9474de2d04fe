using Aisle.Retrieval;

namespace Aisle.Cli.Scale;

/// <summary>One benchmark query: where it came from, its vector, and the filter of its filtered run.</summary>
public sealed record ScaleQuery(string Source, float[] Vector, VectorFilter Filter);
