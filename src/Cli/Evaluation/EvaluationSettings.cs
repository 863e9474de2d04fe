using Aisle.Ranking;
using Microsoft.Extensions.Configuration;
using Aisle.Users;

namespace Aisle.Cli.Evaluation;

/// <param name="SequencesFile">A <c>user item1 item2 …</c> file.</param>
/// <param name="AttributesFile">Item attributes (JSON id → attribute ids), or null for none.</param>
/// <param name="MaxUsers">Evaluate only the first this-many users (a quick subset); null for all.</param>
/// <param name="Parallelism">Users replayed and ranked at once.</param>
/// <param name="Tune">Tune the hybrid's weights on the validation item before measuring on the test item.</param>
/// <param name="TuneUsers">Validation users the tuning looks at (the first ones of the file).</param>
/// <param name="EventKind">What each line's items are replayed as (reviews of bought products: purchases).</param>
/// <param name="Ranking">Ranking settings that replace the defaults before anything is replayed or tuned, as
/// <c>Aisle:Ranking</c> keys without the prefix (e.g. <c>CoInteractionWindow</c> → <c>12</c>).</param>
/// <param name="Model">The learned model's training settings; the defaults when null.</param>
/// <param name="RetrainAfterValidation">Retrain the model on the training and validation items before the test pass, as
/// the scheduled job would have by then (the live links learn the validation items online either way). Off, the model
/// never sees a validation item: the protocol of the published results.</param>
public sealed record EvaluationSettings(
    string SequencesFile,
    string? AttributesFile,
    int? MaxUsers = null,
    int Parallelism = 64,
    bool Tune = true,
    int TuneUsers = 3000,
    InteractionKind EventKind = InteractionKind.Purchase,
    IReadOnlyDictionary<string, string?>? Ranking = null,
    Aisle.Learning.TrainingSettings? Model = null,
    bool RetrainAfterValidation = false)
{
    /// <summary>The learned model's settings (<c>--train Key=Value</c>), the defaults otherwise.</summary>
    public Aisle.Learning.TrainingSettings Training => Model ?? new Aisle.Learning.TrainingSettings();

    /// <summary>
    /// The ranking options every strategy starts from: the production defaults with <see cref="Ranking"/> applied,
    /// and no per-brand cap — the data set has no brands or categories to diversify by (attribute ids carry no names).
    /// </summary>
    /// <exception cref="InvalidOperationException">A key of <see cref="Ranking"/> is no setting, or its value does not convert.</exception>
    public EvaluationRanking BaselineRanking()
    {
        var options = new RankingOptions { MaxPerBrand = int.MaxValue };
        var profile = RankingProfile.Default;
        if (Ranking is { Count: > 0 })
        {
            // Score weights and the strategy belong to the profile, everything else to the silo-wide options.
            static bool IsProfileKey(string key) =>
                key.Equals(nameof(RankingProfile.Strategy), StringComparison.OrdinalIgnoreCase) ||
                RankingProfile.WeightNames.Contains(key, StringComparer.OrdinalIgnoreCase);
            var profileKeys = Ranking.Where(p => IsProfileKey(p.Key)).ToDictionary();
            var optionKeys = Ranking.Where(p => !IsProfileKey(p.Key)).ToDictionary();
            new ConfigurationBuilder().AddInMemoryCollection(optionKeys).Build().Bind(options, o => o.ErrorOnUnknownConfiguration = true);
            profile = new ConfigurationBuilder().AddInMemoryCollection(profileKeys).Build().Get<RankingProfile>() ?? profile;
        }

        return new EvaluationRanking(options, profile);
    }
}
