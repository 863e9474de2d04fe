using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aisle.Retrieval.Astra;

/// <summary>Stops a host from starting when the token's environment variable is empty: the token is never in
/// configuration, so options validation cannot see it, and a silo without it could never reach the store.</summary>
public sealed class AstraDbTokenCheck(IOptions<AstraDbOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        options.Value.Token();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
