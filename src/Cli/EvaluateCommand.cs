using System.CommandLine;
using Aisle.Cli.Evaluation;
using Aisle.Users;
using Spectre.Console;

namespace Aisle.Cli;

/// <summary><c>aisle evaluate</c>: leave-one-out evaluation of the live engine on a <c>user item1 item2 …</c> file.</summary>
public static class EvaluateCommand
{
    /// <summary>Where the default data set lives, relative to the repository root (read-only, outside the repo).</summary>
    public const string DefaultData = "../shared/data/amazon-beauty/Beauty.txt";

    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = $"Sequence file, one user per line: user item1 item2 … (default: {DefaultData}, looked up from the current folder upwards)" };
        var attributes = new Option<FileInfo?>("--attributes") { Description = "Item attributes, JSON id → [attribute ids] (default: <name>_item2attributes.json beside the data file, if present)" };
        var users = new Option<int?>("--users") { Description = "Evaluate only the first N users (a quick subset)" };
        var parallelism = new Option<int>("--parallelism") { Description = "Users replayed and ranked at once", DefaultValueFactory = _ => 64 };
        var noTune = new Option<bool>("--no-tune") { Description = "Keep the default hybrid weights instead of tuning them on the validation item" };
        var tuneUsers = new Option<int>("--tune-users") { Description = "Validation users used for tuning", DefaultValueFactory = _ => 3000 };
        var kind = new Option<string>("--event-kind") { Description = "What each item is replayed as: view, click, add_to_cart or purchase", DefaultValueFactory = _ => "purchase" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.md and the chart", DefaultValueFactory = _ => new DirectoryInfo("evaluation-report") };
        var set = new Option<string[]>("--set") { Description = "A ranking setting for this run, Key=Value as in Aisle:Ranking (repeatable), e.g. --set CoInteractionWindow=12", AllowMultipleArgumentsPerToken = false };
        var train = new Option<string[]>("--train") { Description = "A setting of the learned model, Key=Value as in Aisle:Model:Training (repeatable), e.g. --train Epochs=30", AllowMultipleArgumentsPerToken = false };
        var retrain = new Option<bool>("--retrain-after-validation") { Description = "Retrain the learned model on the training and validation items before the test pass (as the scheduled job would); off by default, the published protocol" };
        var minHr = new Option<double?>("--min-hybrid-hr10") { Description = "Exit with 1 when the hybrid's test HR@10 is below this" };
        var minNdcg = new Option<double?>("--min-hybrid-ndcg10") { Description = "Exit with 1 when the hybrid's test NDCG@10 is below this" };
        var minModel = new Option<double?>("--min-model-hr10") { Description = "Exit with 1 when the learned model's test HR@10 alone is below this (guards the trainer, which the hybrid's floors could hide)" };

        var command = new Command("evaluate", "Replay a data set through the live engine and measure HR@K / NDCG@K per strategy.")
        {
            data, attributes, users, parallelism, noTune, tuneUsers, kind, set, train, retrain, output, minHr, minNdcg, minModel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(data)?.FullName ?? RepoPaths.Find(DefaultData);
            if (file is null || !File.Exists(file))
            {
                Console.Error.WriteLine($"Data file not found: {file ?? DefaultData}. Pass --data PATH.");
                return 2;
            }

            if (!InteractionKinds.ByName.TryGetValue(parse.GetValue(kind) ?? "", out var eventKind) || eventKind == InteractionKind.Search)
            {
                Console.Error.WriteLine("--event-kind must be view, click, add_to_cart or purchase.");
                return 2;
            }

            var ranking = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                if (pair.Split('=', 2) is not [{ Length: > 0 } key, var value])
                {
                    Console.Error.WriteLine($"--set expects Key=Value, got '{pair}'.");
                    return 2;
                }

                ranking[key.Trim()] = value.Trim();
            }

            if (!TrainModelCommand.TryBind(parse.GetValue(train) ?? [], out var training, out var trainingError))
            {
                Console.Error.WriteLine($"--train: {trainingError}");
                return 2;
            }

            var settings = new EvaluationSettings(
                file,
                parse.GetValue(attributes)?.FullName ?? SequenceData.AttributesBeside(file),
                parse.GetValue(users),
                Math.Max(1, parse.GetValue(parallelism)),
                !parse.GetValue(noTune),
                parse.GetValue(tuneUsers),
                eventKind,
                ranking,
                training,
                parse.GetValue(retrain));
            try
            {
                settings.BaselineRanking();
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"--set: {ex.Message}");
                return 2;
            }

            var run = await RunWithProgressAsync(settings, cancellationToken);
            PrintTable(run);
            var report = ReportWriter.Write(run, parse.GetValue(output)!.FullName);
            Console.WriteLine($"Report: {report}");

            var hybrid = run.Results.Single(r => r.Strategy == "Hybrid").Test;
            var failed = false;
            if (parse.GetValue(minHr) is { } hr && hybrid.HitRate[10] < hr)
            {
                Console.Error.WriteLine($"Hybrid HR@10 {hybrid.HitRate[10]:0.0000} is below the required {hr:0.0000}.");
                failed = true;
            }

            if (parse.GetValue(minNdcg) is { } ndcg && hybrid.Ndcg[10] < ndcg)
            {
                Console.Error.WriteLine($"Hybrid NDCG@10 {hybrid.Ndcg[10]:0.0000} is below the required {ndcg:0.0000}.");
                failed = true;
            }

            var model = run.Results.Single(r => r.Strategy == "Model").Test;
            if (parse.GetValue(minModel) is { } modelHr && model.HitRate[10] < modelHr)
            {
                Console.Error.WriteLine($"Model HR@10 {model.HitRate[10]:0.0000} is below the required {modelHr:0.0000}.");
                failed = true;
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    private static async Task<EvaluationRun> RunWithProgressAsync(EvaluationSettings settings, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // CI logs: a line per stage instead of redrawn bars.
            return await new Evaluator(settings, (description, _) => { Console.WriteLine(description + " …"); return new NoProgress(); }, Console.WriteLine)
                .RunAsync(cancellationToken);
        }

        // Lines written while the bars redraw would tear them; they are shown once the bars are done.
        var lines = new List<string>();
        var run = await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(ctx => new Evaluator(settings, (description, total) => new SpectreStage(ctx.AddTask(description, maxValue: Math.Max(1, total))),
                line => { lock (lines) { lines.Add(line); } }).RunAsync(cancellationToken));
        lines.ForEach(Console.WriteLine);
        return run;
    }

    private static void PrintTable(EvaluationRun run)
    {
        var table = new Table().Title($"{Path.GetFileName(run.DataFile)} — test item, {run.Users:N0} users, {run.Total.TotalSeconds:0} s");
        table.AddColumns("strategy", "HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20");
        foreach (var r in run.Results)
        {
            table.AddRow(r.Strategy, F(r.Test.HitRate[5]), F(r.Test.HitRate[10]), F(r.Test.HitRate[20]), F(r.Test.Ndcg[5]), F(r.Test.Ndcg[10]), F(r.Test.Ndcg[20]));
        }

        if (PublishedResults.AppliesTo(run.DataFile))
        {
            foreach (var a in PublishedResults.Beauty)
            {
                table.AddRow($"[grey]{Markup.Escape(a.Model)} (published)[/]", "", F(a.HitRate10), F(a.HitRate20), "", F(a.Ndcg10), F(a.Ndcg20));
            }
        }

        AnsiConsole.Write(table);
    }

    private static string F(double? value) => ReportWriter.F(value);

    private sealed class SpectreStage(ProgressTask task) : IStageProgress
    {
        public void Advance(int by = 1) => task.Increment(by);
    }
}
