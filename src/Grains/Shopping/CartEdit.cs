using System.Collections.Immutable;

namespace Aisle.Shopping;

/// <summary>The lines after an edit of the cart, or why the edit was refused (then the lines are unchanged).</summary>
public readonly record struct CartEdit(ImmutableList<CartLine> Lines, string? Error)
{
    public static CartEdit Refused(ImmutableList<CartLine> lines, string error) => new(lines, error);
}
