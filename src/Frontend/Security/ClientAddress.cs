using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Aisle.Frontend.Security;

/// <summary>
/// Which proxies may tell Aisle the client's address (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>): only those in
/// <c>Aisle:ForwardedHeaders:KnownProxies</c> (addresses) and <c>Aisle:ForwardedHeaders:KnownNetworks</c> (CIDR, e.g.
/// a GKE ingress's range). With none configured the headers are ignored, so a client cannot choose the address its
/// rate limit and log lines are kept under. Entries that do not parse stop the start with a clear error.
/// </summary>
public static class ClientAddress
{
    public const string Section = "Aisle:ForwardedHeaders";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a CIDR network."));
        }

        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            options.ForwardedHeaders = ForwardedHeaders.None;
        }
    }
}
