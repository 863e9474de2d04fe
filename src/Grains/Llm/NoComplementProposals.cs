namespace Aisle.Llm;

/// <summary>No model configured: no proposed complements.</summary>
public sealed class NoComplementProposals : IComplementProposals
{
    public static NoComplementProposals Instance { get; } = new();

    public ValueTask<IReadOnlyList<ComplementaryProducts>> ForAsync(string category, CancellationToken cancellationToken) => new([]);
}
