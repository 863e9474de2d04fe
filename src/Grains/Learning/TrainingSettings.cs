namespace Aisle.Learning;

/// <summary>
/// Hyperparameters of the next-item model (<see cref="NextItemTrainer"/>), configuration section
/// <c>Aisle:Model:Training</c>. The defaults are what the Amazon Beauty evaluation chose on the validation item
/// (docs/evaluation.md): about a minute on one core for 150k interactions.
/// </summary>
public sealed record TrainingSettings
{
    public const string Section = "Aisle:Model:Training";

    /// <summary>Length of the item vectors.</summary>
    public int Dimensions { get; init; } = 128;

    /// <summary>Passes over every shopper's sequence.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Previous items that predict the next one (the context the shopper's latest products form); at most 30.</summary>
    public int Context { get; init; } = 5;

    /// <summary>Each older context item counts this much of the one after it, as the live signals' recency decay.</summary>
    public double ContextDecay { get; init; } = 0.6;

    /// <summary>Items drawn at random against each true next item.</summary>
    public int Negatives { get; init; } = 10;

    /// <summary>Negatives are drawn ∝ count^this: 0 = uniform (a learned bias then carries popularity), 0.75 = word2vec's.</summary>
    public double NegativeExponent { get; init; }

    /// <summary>Step size at the start, falling linearly to a hundredth of it.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>L2 shrinkage of each updated vector per step.</summary>
    public double Regularisation { get; init; }

    /// <summary>Neighbours kept per item for serving (the request-time lookup reads only these).</summary>
    public int Neighbours { get; init; } = 200;

    /// <summary>Seed of the initial vectors and the sampling: the same data trains the same model.</summary>
    public int Seed { get; init; } = 13;
}
