using System.CommandLine;
using Aisle.Storage;
using Aisle.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aisle.Cli;

/// <summary>
/// <c>aisle shopper-counts --users FILE</c>: joins a running cluster as an Orleans client (<c>ConnectionStrings__Aisle</c>,
/// <c>Aisle__Cluster__ClusterId</c> from the environment, as a frontend) and prints <c>user events</c> for every
/// shopper id in FILE (one a line): how many events each shopper's grain holds. The fault scripts (scripts/faults)
/// compare it with the events the API acknowledged; after a restart of the silos the grains re-read it from
/// PostgreSQL, so it is what was stored.
/// </summary>
public static class ShopperCountsCommand
{
    public static Command Create()
    {
        var users = new Option<FileInfo>("--users") { Description = "File of shopper ids, one a line", Required = true };
        var command = new Command("shopper-counts", "Print how many events each listed shopper's profile holds (cluster mode).") { users };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddEnvironmentVariables();
            var settings = PostgresClusterSettings.Require(builder.Configuration);
            builder.UseOrleansClient(client => client.UsePostgresClustering(settings));
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            var ids = (await File.ReadAllLinesAsync(parse.GetValue(users)!.FullName, cancellationToken))
                .Select(line => line.Trim()).Where(line => line.Length > 0).Distinct().ToArray();
            // A few at a time: reading a profile activates the shopper's grain, which reads its state from PostgreSQL.
            foreach (var chunk in ids.Chunk(64))
            {
                var profiles = await Task.WhenAll(chunk.Select(id => grains.GetGrain<IUserGrain>(id).GetProfileAsync()));
                foreach (var profile in profiles)
                {
                    Console.WriteLine($"{profile.UserId} {profile.EventCount}");
                }
            }

            await host.StopAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
