using Aisle.Hosting;

namespace Aisle.Frontend.Hosting;

/// <summary>How the frontend reaches grains: by default it co-hosts an embedded silo (one process, nothing to install).</summary>
public static class OrleansHosting
{
    /// <summary>Configuration key <c>Aisle:Mode</c>: <c>Embedded</c> (default) co-hosts a silo with localhost clustering.</summary>
    public const string ModeKey = "Aisle:Mode";

    public static WebApplicationBuilder AddAisleOrleans(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration[ModeKey] ?? "Embedded";
        if (!mode.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ModeKey}='{mode}' is not supported yet: only Embedded is.");
        }

        var siloPort = builder.Configuration.GetValue("Aisle:SiloPort", 11111);
        var gatewayPort = builder.Configuration.GetValue("Aisle:GatewayPort", 30000);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddAisle(builder.Configuration));
        return builder;
    }
}
