using System.CommandLine;
using Aisle.Cli.Evaluation;
using Aisle.Learning;
using Microsoft.Extensions.Configuration;

namespace Aisle.Cli;

/// <summary>
/// <c>aisle train-model</c>, two ways. With <c>--server URL</c>: asks a running Aisle to retrain its learned model
/// from the stored behaviour now (the admin API, key from <c>AISLE_ADMIN_KEY</c>), waits for the run and prints what
/// came of it. Otherwise: trains the model on a <c>user item1 item2 …</c> file's training part (leave-one-out) and
/// prints how it does alone on the validation and test items, its training time and memory, the quick loop for the
/// model's own settings (<c>evaluate</c> measures it blended with the live engine).
/// </summary>
public static class TrainModelCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = $"Sequence file (default: {EvaluateCommand.DefaultData})" };
        var users = new Option<int?>("--users") { Description = "Only the first N users" };
        var set = new Option<string[]>("--set") { Description = "A training setting, Key=Value as in Aisle:Model:Training (repeatable), e.g. --set Epochs=30" };
        var server = new Option<string?>("--server") { Description = $"A running Aisle (e.g. http://localhost:5000): retrain its model now; admin key from {SimulateCommand.ApiKeyVariable}" };
        var command = new Command("train-model", "Retrain a running Aisle's learned model (--server), or train it on a sequence file and measure it alone.") { data, users, set, server };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(server) is { } address)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    Console.Error.WriteLine($"--server: '{address}' is not an http(s) address.");
                    return Task.FromResult(2);
                }

                return RemoteTraining.RunAsync(url, Environment.GetEnvironmentVariable(SimulateCommand.ApiKeyVariable), Console.WriteLine, cancellationToken);
            }

            var file = parse.GetValue(data)?.FullName ?? RepoPaths.Find(EvaluateCommand.DefaultData);
            if (file is null || !File.Exists(file))
            {
                Console.Error.WriteLine($"Data file not found: {file ?? EvaluateCommand.DefaultData}. Pass --data PATH.");
                return Task.FromResult(2);
            }

            if (!TryBind(parse.GetValue(set) ?? [], out var settings, out var error))
            {
                Console.Error.WriteLine($"--set: {error}");
                return Task.FromResult(2);
            }

            var sequences = SequenceData.Load(file, null, parse.GetValue(users));
            var cases = sequences.Users.Select(LeaveOneOut.Split).OfType<LeaveOneOut>().ToArray();
            var trained = OfflineModel.Train(sequences.Items, cases, settings, cancellationToken);
            Console.WriteLine($"{cases.Length:N0} users, {sequences.Items.Count:N0} items; trained in {trained.TrainingTime.TotalSeconds:0.0} s, " +
                              $"peak working set {trained.PeakWorkingSetBytes / 1048576.0:N0} MB; {settings}");
            Print("validation, exact", trained.MeasureExact(cases, c => c.Validation, c => c.Training));
            Print("validation, served", trained.MeasureServed(cases, c => c.Validation, c => c.Training));
            Print("test, exact", trained.MeasureExact(cases, c => c.Test, c => [.. c.Training, c.Validation]));
            Print("test, served", trained.MeasureServed(cases, c => c.Test, c => [.. c.Training, c.Validation]));
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The defaults with <paramref name="pairs"/> (Key=Value, keys of <see cref="TrainingSettings"/>) applied.</summary>
    public static bool TryBind(IEnumerable<string> pairs, out TrainingSettings settings, out string? error)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        settings = new TrainingSettings();
        error = null;
        foreach (var pair in pairs)
        {
            if (pair.Split('=', 2) is not [{ Length: > 0 } key, var value])
            {
                error = $"expected Key=Value, got '{pair}'";
                return false;
            }

            values[key.Trim()] = value.Trim();
        }

        try
        {
            settings = new ConfigurationBuilder().AddInMemoryCollection(values).Build()
                .Get<TrainingSettings>(o => o.ErrorOnUnknownConfiguration = true) ?? settings;
            return true;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static void Print(string what, StrategyMetrics m) =>
        Console.WriteLine($"{what,-20} HR@10 {m.HitRate[10]:0.0000}  NDCG@10 {m.Ndcg[10]:0.0000}  HR@20 {m.HitRate[20]:0.0000}  NDCG@20 {m.Ndcg[20]:0.0000}");
}
