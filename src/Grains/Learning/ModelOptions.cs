namespace Aisle.Learning;

/// <summary>
/// When and how the learned model is retrained and published (configuration section <c>Aisle:Model</c>). What it
/// learns is <see cref="TrainingSettings"/> (<c>Aisle:Model:Training</c>); how much it weighs in a list is
/// <c>Aisle:Ranking:ModelWeight</c>.
/// </summary>
public sealed class ModelOptions
{
    public const string Section = "Aisle:Model";

    /// <summary>Retrain on a schedule; off, the silos serve the live signals alone unless a training is asked for.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time from the training grain's activation (silo start) to its first training: enough for the catalog to
    /// load and the first shoppers to be stored.</summary>
    public TimeSpan FirstTrainingDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between trainings. Links and transitions learn every event; the model adds what they cannot
    /// (generalising over sparse pairs), which moves slowly, so hourly is plenty.</summary>
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each silo asks the training grain whether a newer model was published.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One shopper in this many (by a stable hash of the id) has their last product held back from training to
    /// judge the new model against the one in service.</summary>
    public int HeldBackEvery { get; set; } = 10;

    /// <summary>Fewer shoppers with two or more products than this and no model is trained: too little to learn from.</summary>
    public int MinShoppers { get; set; } = 50;
}
