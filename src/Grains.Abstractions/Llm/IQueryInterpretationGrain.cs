namespace Aisle.Llm;

/// <summary>
/// The model's reading of one normalised search text, shared by the whole cluster (key: the normalised text): the first
/// request asks the model, later ones on any silo get the kept answer, and concurrent first requests share one call.
/// </summary>
public interface IQueryInterpretationGrain : IGrainWithStringKey
{
    Task<Interpretation> InterpretAsync();
}
