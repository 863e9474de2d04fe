using Aisle.Experiments;
using Aisle.Frontend.Application;

namespace Aisle.Frontend.Pages.Admin.Experiments;

public sealed class IndexModel(ExperimentAdmin admin) : AdminPageModel
{
    public ExperimentSet Set { get; private set; } = new(0, []);

    public async Task OnGetAsync() => Set = await admin.ListAsync();
}
