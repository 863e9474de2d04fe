namespace Aisle.Ranking;

/// <summary>
/// Which signals a personal recommendation list is built from. The API serves <see cref="Hybrid"/>; the others are
/// the same pipeline with one signal left, so an evaluation can show what each one contributes.
/// </summary>
public enum RecommendationStrategy
{
    /// <summary>Co-interaction + transitions + content + taste + the learned model, with a popular fill and the full score.</summary>
    Hybrid,

    /// <summary>Most popular products the shopper has not had.</summary>
    Popular,

    /// <summary>Products seen together with the shopper's latest products (symmetric, within a short window).</summary>
    CoInteraction,

    /// <summary>Products that follow the shopper's latest products (directed, next step only).</summary>
    Sequential,

    /// <summary>Products whose content vector is close to the latest product and to the shopper's taste.</summary>
    Content,

    /// <summary>Products the learned next-item model expects after the shopper's latest products (nothing before a
    /// model is trained or for products it has not seen).</summary>
    Model,
}
