namespace Aisle.Ranking;

/// <summary>A category whose products are bought again (<c>Aisle:Ranking:Consumables</c>).</summary>
/// <param name="Category">A category path or its prefix, as the catalog writes it ("Beauty and Personal Care > Makeup").</param>
/// <param name="RepurchaseAfter">How long after a purchase the product may be recommended again.</param>
public sealed record ConsumableCategory(string Category, TimeSpan RepurchaseAfter)
{
    public ConsumableCategory() : this("", TimeSpan.Zero)
    {
    }
}
