using Aisle.Experiments;

namespace Aisle.Frontend.Application;

/// <summary>
/// Experiment definitions and reports for admins (API and admin page): every save is validated as part of the whole
/// set, so two running experiments can never rank the same surface, and installed through the experiments grain,
/// which every silo and frontend polls.
/// </summary>
public sealed class ExperimentAdmin(IGrainFactory grains)
{
    private IExperimentsGrain Registry => grains.GetGrain<IExperimentsGrain>(0);

    public Task<ExperimentSet> ListAsync() => Registry.GetAsync();

    public async Task<Outcome<ExperimentDefinition>> GetAsync(string name) =>
        (await Registry.GetAsync()).Find(name) is { } found ? found : AppProblem.NotFound("experiment", name);

    /// <summary>Creates or replaces the experiment <paramref name="name"/> (the body's name, when given, must match).</summary>
    public async Task<Outcome<ExperimentDefinition>> PutAsync(string name, ExperimentSpec spec)
    {
        if (spec.Name is not null && spec.Name != name)
        {
            return Invalid("name", $"The body names '{spec.Name}' but the address names '{name}'.");
        }

        spec.Name = name;
        var errors = new Dictionary<string, List<string>>();
        if (ExperimentValidator.Validate(spec, errors) is null)
        {
            return Invalid(errors);
        }

        var set = await Registry.GetAsync();
        var specs = set.Definitions.Where(d => d.Name != name).Select(ExperimentValidator.ToSpec).Append(spec).ToList();
        return await SaveAsync(specs, name);
    }

    public async Task<Outcome<ExperimentDefinition>> SetStatusAsync(string name, string? status)
    {
        var set = await Registry.GetAsync();
        if (set.Find(name) is not { } current)
        {
            return AppProblem.NotFound("experiment", name);
        }

        var spec = ExperimentValidator.ToSpec(current);
        spec.Status = status;
        var specs = set.Definitions.Select(d => d.Name == name ? spec : ExperimentValidator.ToSpec(d)).ToList();
        return await SaveAsync(specs, name);
    }

    public async Task<Outcome<bool>> DeleteAsync(string name)
    {
        var set = await Registry.GetAsync();
        if (set.Find(name) is null)
        {
            return AppProblem.NotFound("experiment", name);
        }

        await Registry.SetAsync(set.Definitions.Where(d => d.Name != name).ToArray());
        return true;
    }

    public async Task<Outcome<ExperimentReport>> ReportAsync(string name)
    {
        if ((await Registry.GetAsync()).Find(name) is not { } experiment)
        {
            return AppProblem.NotFound("experiment", name);
        }

        var totals = await grains.GetGrain<IExperimentStatsGrain>(name).GetAsync();
        return ExperimentReporter.Build(experiment, totals);
    }

    private async Task<Outcome<ExperimentDefinition>> SaveAsync(List<ExperimentSpec> specs, string name)
    {
        var errors = new Dictionary<string, List<string>>();
        if (ExperimentValidator.ValidateSet(specs, errors, "experiments") is not { } definitions)
        {
            // Name the field of the experiment being saved, as the caller sent it, where the problem is its own.
            var index = specs.FindIndex(s => s.Name == name);
            var own = $"experiments[{index}].";
            return Invalid(errors.ToDictionary(e => e.Key.StartsWith(own, StringComparison.Ordinal) ? e.Key[own.Length..] : e.Key, e => e.Value));
        }

        var saved = await Registry.SetAsync(definitions);
        return saved.Find(name)!;
    }

    private static AppProblem Invalid(string field, string message) => Invalid(new Dictionary<string, List<string>> { [field] = [message] });

    private static AppProblem Invalid(Dictionary<string, List<string>> errors) =>
        new(StatusCodes.Status400BadRequest, "The experiment is not valid.",
            string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
            errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
