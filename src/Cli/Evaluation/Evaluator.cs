using System.Diagnostics;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Cli.Evaluation;

/// <summary>
/// Leave-one-out evaluation of the live engine: replay every user's training items as events through the user
/// grains, measure each strategy on the validation item, tune the hybrid there, replay the validation item (the
/// engine learns it online, as it would in production), then measure every strategy on the test item.
/// </summary>
public sealed class Evaluator(EvaluationSettings settings, StageStarter stages, Action<string> log)
{
    /// <summary>Ranked items asked per user: the largest cutoff.</summary>
    public const int Limit = 20;

    public static readonly RecommendationStrategy[] Strategies =
    [
        RecommendationStrategy.Popular,
        RecommendationStrategy.CoInteraction,
        RecommendationStrategy.Sequential,
        RecommendationStrategy.Content,
        RecommendationStrategy.Model,
        RecommendationStrategy.Hybrid,
    ];

    private readonly List<(string, TimeSpan)> _timings = [];

    public async Task<EvaluationRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var data = await Timed("load data", () => Task.FromResult(SequenceData.Load(settings.SequencesFile, settings.AttributesFile, settings.MaxUsers)));
        var cases = data.Users.Select(LeaveOneOut.Split).OfType<LeaveOneOut>().ToArray();
        log($"{data.Users.Count:N0} users ({cases.Length:N0} with at least {LeaveOneOut.MinItems} items), {data.Items.Count:N0} items, " +
            $"{data.Interactions:N0} interactions, {data.Attributes.Count:N0} items with attributes.");

        var baseline = settings.BaselineRanking();
        await using var engine = await Timed("start engine", () =>
            EvaluationEngine.StartAsync(data.Items, ContentVectors.Build(data.Items, data.Attributes), baseline.Options.Clone()));

        // The learned model sees the training part only, as the live links do before the validation replay.
        var model = await Timed("train model on the training items", () => Task.Run(() => OfflineModel.Train(data.Items, cases, settings.Training, cancellationToken), cancellationToken));
        engine.Model.Install(model.Model);
        log($"model: {model.TrainingTime.TotalSeconds:0.0} s to train and build neighbour lists, peak working set {model.PeakWorkingSetBytes / 1048576.0:N0} MB");

        var trainingEvents = cases.Sum(c => c.Training.Count);
        var rejected = await Timed($"replay {trainingEvents:N0} training events", () =>
            ReplayAsync(engine, cases, c => c.Training, "Replaying training events", cancellationToken));

        var validation = new Dictionary<RecommendationStrategy, StrategyMetrics>();
        foreach (var strategy in Strategies.Where(s => s != RecommendationStrategy.Hybrid))
        {
            validation[strategy] = await Timed($"validation: {strategy}", () =>
                MeasureAsync(engine, cases, c => c.Validation, c => c.Training, DirectAsync(engine, strategy, baseline), $"Validation · {strategy}", cancellationToken));
        }

        var tuned = baseline.Clone();
        if (settings.Tune)
        {
            var sample = cases.Take(settings.TuneUsers).ToArray();
            tuned = await Timed($"tune hybrid on {sample.Length:N0} validation users", () => HybridTuning.TuneAsync(baseline, options =>
                MeasureAsync(engine, sample, c => c.Validation, c => c.Training, DirectAsync(engine, RecommendationStrategy.Hybrid, options), "Tuning hybrid", cancellationToken),
                line => log("  tuned " + line)));
        }

        validation[RecommendationStrategy.Hybrid] = await Timed("validation: Hybrid", () =>
            MeasureAsync(engine, cases, c => c.Validation, c => c.Training, DirectAsync(engine, RecommendationStrategy.Hybrid, tuned), "Validation · Hybrid", cancellationToken));

        rejected += await Timed($"replay {cases.Length:N0} validation events", () =>
            ReplayAsync(engine, cases, c => [c.Validation], "Replaying validation events", cancellationToken));

        if (settings.RetrainAfterValidation)
        {
            // What the scheduled job would serve by now: a model that has seen the validation items too (never a test item).
            var retrained = await Timed("retrain model on training + validation items", () => Task.Run(() =>
                OfflineModel.Train(data.Items, cases.Select(c => c with { Training = [.. c.Training, c.Validation] }).ToArray(), settings.Training, cancellationToken),
                cancellationToken));
            engine.Model.Install(retrained.Model with { Version = 2 });
        }

        // From here on the hybrid is served exactly as the API serves it: the recommendation grain, with the tuned
        // weights installed in the silo's live options.
        var live = new EvaluationRanking(engine.Options, baseline.Profile);
        HybridTuning.Apply(tuned, live);
        var results = new List<StrategyResult>();
        foreach (var strategy in Strategies)
        {
            var recommend = strategy == RecommendationStrategy.Hybrid ? ThroughGrainAsync(engine, live.Profile) : DirectAsync(engine, strategy, baseline);
            var test = await Timed($"test: {strategy}", () =>
                MeasureAsync(engine, cases, c => c.Test, c => [.. c.Training, c.Validation], recommend, $"Test · {strategy}", cancellationToken));
            results.Add(new StrategyResult(strategy.ToString(), validation[strategy], test));
        }

        return new EvaluationRun(
            settings.SequencesFile, cases.Length, data.Items.Count, data.Interactions, trainingEvents + cases.Length, rejected,
            results, HybridTuning.Describe(tuned), _timings, total.Elapsed,
            new ModelTraining(model.TrainingTime, model.PeakWorkingSetBytes, settings.Training));
    }

    /// <summary>Sends each user's items as one batch of events (one RecordAsync, one storage write per user).</summary>
    private async Task<int> ReplayAsync(EvaluationEngine engine, IReadOnlyList<LeaveOneOut> cases, Func<LeaveOneOut, IReadOnlyList<string>> items,
        string description, CancellationToken cancellationToken)
    {
        var stage = stages(description, cases.Count);
        var rejected = 0;
        var start = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (c, _) =>
            {
                // The data has order but no times: one second apart keeps the order and decays nothing measurable.
                var events = items(c).Select((item, i) => new ShopperEvent(settings.EventKind, item, null, 1, start.AddSeconds(i), null)).ToArray();
                var outcomes = await engine.Client.GetGrain<IUserGrain>(c.UserId).RecordAsync(events);
                Interlocked.Add(ref rejected, outcomes.Count(o => !o.Accepted));
                stage.Advance();
            });
        await engine.WaitUntilQuietAsync(cancellationToken);
        return rejected;
    }

    private async Task<StrategyMetrics> MeasureAsync(
        EvaluationEngine engine, IReadOnlyList<LeaveOneOut> cases, Func<LeaveOneOut, string> target, Func<LeaveOneOut, IReadOnlyList<string>> history,
        Func<string, Task<IReadOnlyList<string>>> recommend, string description, CancellationToken cancellationToken)
    {
        var stage = stages(description, cases.Count);
        var ranks = new int[cases.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var c = cases[i];
                var had = history(c).ToHashSet(StringComparer.Ordinal);
                // The engine already leaves out what the shopper bought; this only guards the protocol.
                var ranked = (await recommend(c.UserId)).Where(id => !had.Contains(id)).ToArray();
                ranks[i] = RankingMetrics.RankOf(ranked, target(c));
                stage.Advance();
            });
        return RankingMetrics.FromRanks(ranks);
    }

    /// <summary>The profile from the user grain, ranked by the silo's <see cref="Recommender"/> with one strategy.</summary>
    private static Func<string, Task<IReadOnlyList<string>>> DirectAsync(EvaluationEngine engine, RecommendationStrategy strategy, EvaluationRanking ranking) =>
        async userId =>
        {
            var profile = await engine.Client.GetGrain<IUserGrain>(userId).GetProfileAsync();
            var list = await engine.Recommender.RecommendAsync(profile, Limit, ranking.Profile with { Strategy = strategy }, ranking.Options);
            return list.Items.Select(item => item.Id).ToArray();
        };

    /// <summary>The API's path: one call to the recommendation grain.</summary>
    private static Func<string, Task<IReadOnlyList<string>>> ThroughGrainAsync(EvaluationEngine engine, RankingProfile profile) =>
        async userId =>
        {
            var list = await engine.Client.GetGrain<IRecommendationGrain>(0).RecommendAsync(userId, Limit, profile);
            return list.Items.Select(item => item.Id).ToArray();
        };

    private async Task<T> Timed<T>(string stage, Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        var result = await work();
        _timings.Add((stage, watch.Elapsed));
        log($"{stage}: {watch.Elapsed.TotalSeconds:0.0} s");
        return result;
    }
}
