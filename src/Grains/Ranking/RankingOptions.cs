namespace Aisle.Ranking;

/// <summary>
/// The silo-wide settings of ranking (configuration section <c>Aisle:Ranking</c>): how profiles and product activity
/// learn (event weights, half-lives, links), how behaviour candidates are scored, diversity and impressions. The score
/// weights an experiment variant may change are not here but in the <see cref="RankingProfile"/> passed with each read
/// (its defaults bound from the same section).
/// </summary>
public sealed class RankingOptions
{
    public const string Section = "Aisle:Ranking";

    /// <summary>How many of the shopper's previous distinct products a new interaction links to (weight / distance).</summary>
    public int CoInteractionWindow { get; set; } = 8;

    /// <summary>How long a silo sums product activity (popularity counters, links) before delivering it to the product
    /// grains: one message per busy product per interval instead of one per event. Trending and links lag by this much.</summary>
    public TimeSpan ActivityFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a product grain saves its counters and links when they changed (price and stock are saved
    /// at once). Longer means fewer database writes and more of those signals lost if a silo dies.</summary>
    public TimeSpan ActivitySaveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Links a product keeps, strongest first, of each kind (seen together; touched next). More links recall
    /// more for busy products, and cost memory on every silo and bytes between silos.</summary>
    public int MaxLinks { get; set; } = 100;

    /// <summary>How many of the shopper's latest distinct products anchor personal recommendations.</summary>
    public int RecentAnchors { get; set; } = 3;

    /// <summary>Each older anchor counts this much of the one after it (1 = all equal).</summary>
    public double RecencyDecay { get; set; } = 0.6;

    /// <summary>α: link weights are divided by the anchor's link total to this power.</summary>
    public double LinkNormalisation { get; set; } = 0.5;

    /// <summary>β: behaviour scores are divided by the candidate's own link total to this power (damps best-sellers).</summary>
    public double PopularityDamping { get; set; } = 0;

    /// <summary>How much "touched next" transitions count beside symmetric co-interaction links.</summary>
    public double TransitionWeight { get; set; } = 3.0;

    /// <summary>Weight of the content similarity to the latest product inside a personal candidate's relevance.</summary>
    public double ContentWeight { get; set; } = 0.6;

    /// <summary>How much the learned next-item model adds to a personal candidate's relevance (its best candidate gets
    /// all of it); 0 leaves the model out. Tuned on the Beauty validation item (docs/evaluation.md).</summary>
    public double ModelWeight { get; set; } = 0.5;

    /// <summary>How fast the model's share falls from its best candidate: exp((score − best) / temperature).</summary>
    public double ModelTemperature { get; set; } = 4.0;

    /// <summary>Relevance of the popular fill (most popular products, added so a thin history still gets a full list).</summary>
    public double PopularFill { get; set; } = 0.05;

    /// <summary>Most items of one brand in a list (diversity).</summary>
    public int MaxPerBrand { get; set; } = 3;

    /// <summary>Most items of one category path in a list; 0 = no category cap (diversity).</summary>
    public int MaxPerCategory { get; set; }

    /// <summary>
    /// Share of its score a personal recommendation loses per time it was shown and ignored: score × (1 − penalty)^times.
    /// 0.2 is about the score gap between neighbouring places of a top-10 list, so an ignored item moves down a few
    /// places per showing and leaves the list after two or three unless it beats the alternatives by far (pins still
    /// win: rules apply after). 0 turns it off, and the user grain then keeps no record of what was shown.
    /// </summary>
    public double ShownPenalty { get; set; } = 0.2;

    /// <summary>How long a showing counts against an item: a browsing session (the usual 30-minute analytics session
    /// timeout), so a shopper who comes back later sees their best matches again.</summary>
    public TimeSpan ShownWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Half-life of category and brand affinities and of the taste vector.</summary>
    public TimeSpan AffinityHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Half-life of the price band's weighted log-price moments.</summary>
    public TimeSpan PriceBandHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Half-life of product popularity counters (what "trending" means).</summary>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How strongly each interaction kind counts in profiles and popularity.</summary>
    public double ViewWeight { get; set; } = 1;

    public double ClickWeight { get; set; } = 2;

    public double AddToCartWeight { get; set; } = 4;

    public double PurchaseWeight { get; set; } = 8;

    /// <summary>How hard each kind of negative feedback pushes the product down for that shopper: a pushed product's
    /// recommendation score is divided by 1 + its decayed strength, so one dislike (5) leaves a sixth of it.</summary>
    public double RemoveFromCartWeight { get; set; } = 0.5;

    public double ReturnWeight { get; set; } = 3;

    public double DislikeWeight { get; set; } = 5;

    /// <summary>Half-life of negative feedback: a dislike fades over months, not days.</summary>
    public TimeSpan NegativeHalfLife { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Share of a product's push that its close neighbours get, times their cosine similarity to it.</summary>
    public double NeighbourPush { get; set; } = 0.3;

    /// <summary>Cosine similarity of the product embeddings from which another product counts as a close neighbour
    /// (a colour variant or the same item from another seller; unrelated items of a category stay below ~0.7).</summary>
    public double NeighbourSimilarity { get; set; } = 0.8;

    /// <summary>Categories whose products are bought again (cosmetics, nappies, coffee): a purchased product of one comes
    /// back into the shopper's recommendations after its interval. Every other purchase is a durable good and stays
    /// out. The most specific matching category path wins.</summary>
    public List<ConsumableCategory> Consumables { get; set; } = [];

    /// <summary>How long after a purchase a product of <paramref name="categoryPath"/> may be recommended again; null for a
    /// durable good.</summary>
    public TimeSpan? RepurchaseAfter(string categoryPath) =>
        Consumables.Where(c => c.Category.Length > 0 && (categoryPath == c.Category || categoryPath.StartsWith(c.Category + " > ", StringComparison.Ordinal)))
            .OrderByDescending(c => c.Category.Length)
            .Select(c => (TimeSpan?)c.RepurchaseAfter)
            .FirstOrDefault();

    public double PushOf(Users.InteractionKind kind) => kind switch
    {
        Users.InteractionKind.RemoveFromCart => RemoveFromCartWeight,
        Users.InteractionKind.Return => ReturnWeight,
        Users.InteractionKind.Dislike => DislikeWeight,
        _ => 0,
    };

    /// <summary>A copy, so a caller (an evaluation, an experiment variant) can change weights without touching these.</summary>
    public RankingOptions Clone() => (RankingOptions)MemberwiseClone();

    public double WeightOf(Users.InteractionKind kind) => kind switch
    {
        Users.InteractionKind.View => ViewWeight,
        Users.InteractionKind.Click => ClickWeight,
        Users.InteractionKind.AddToCart => AddToCartWeight,
        Users.InteractionKind.Purchase => PurchaseWeight,
        _ => 0,
    };
}
