namespace Aisle.Llm;

/// <summary>The model circuit: closed (calls flow), open (calls skipped after repeated failures), half-open (one trial call).</summary>
[GenerateSerializer]
public enum CircuitState
{
    Closed = 0,
    HalfOpen = 1,
    Open = 2,
}
