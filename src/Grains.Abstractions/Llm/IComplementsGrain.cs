namespace Aisle.Llm;

/// <summary>
/// The product types that go with one catalog category (key: the category path, e.g. <c>Mobiles &amp; Accessories &gt;
/// Mobiles</c>), shared by the whole cluster: the first request asks the model, later ones on any silo get the kept
/// answer, and concurrent first requests share one call.
/// </summary>
public interface IComplementsGrain : IGrainWithStringKey
{
    Task<Complements> ProposeAsync();
}
