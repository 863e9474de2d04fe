using Aisle.Experiments;
using Aisle.Frontend.Application;

namespace Aisle.Frontend.Pages.Admin.Experiments;

/// <summary>The experiment report as a page: the same <see cref="ExperimentReport"/> the report endpoint answers.</summary>
public sealed class ReportModel(ExperimentAdmin admin) : AdminPageModel
{
    public ExperimentReport? Report { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string name)
    {
        var outcome = await admin.ReportAsync(name);
        Report = outcome.Value;
        if (outcome.Problem is { } problem)
        {
            Error = problem.Detail;
            Response.StatusCode = problem.Status;
        }
    }
}
