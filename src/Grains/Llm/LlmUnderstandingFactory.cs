using Aisle.Query;
using Microsoft.Extensions.Options;

namespace Aisle.Llm;

/// <summary>A model is configured: searches are understood by it, within its budget, over the catalog's rules.</summary>
public sealed class LlmUnderstandingFactory(IGrainFactory grains, IOptions<LlmOptions> options, TimeProvider clock) : IQueryUnderstandingFactory
{
    public IQueryUnderstanding Over(QueryUnderstanding rules) => new LlmQueryUnderstanding(rules, grains, options.Value, clock);
}
