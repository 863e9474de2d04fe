namespace Aisle.Llm;

/// <summary>
/// What goes with a catalog category, for "complete the look": the model's proposals (<see cref="LlmComplementProposals"/>)
/// when one is configured, else none (<see cref="NoComplementProposals"/>); the pipeline then has the co-interaction
/// candidates alone. Never throws but for the caller's own cancellation.
/// </summary>
public interface IComplementProposals
{
    /// <param name="category">A category path as <see cref="ComplementsPrompt.CategoryOf"/> names it.</param>
    ValueTask<IReadOnlyList<ComplementaryProducts>> ForAsync(string category, CancellationToken cancellationToken);
}
