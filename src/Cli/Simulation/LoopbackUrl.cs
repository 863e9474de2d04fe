using System.Net;

namespace Aisle.Cli.Simulation;

/// <summary>
/// The simulator only talks to an Aisle on this machine: the load it generates must never leave it. An address is
/// accepted when it is absolute http(s) and its host is <c>localhost</c> or a loopback IP (127.0.0.0/8, ::1).
/// </summary>
public static class LoopbackUrl
{
    /// <summary>The base address (path trimmed to end in '/'), or null with <paramref name="error"/> saying why not.</summary>
    public static Uri? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"'{text}' is not an absolute URL.";
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"'{text}' is not http or https.";
            return null;
        }

        if (!IsLoopbackHost(uri.Host))
        {
            error = $"'{uri.Host}' is not a loopback address: the simulator only loads an Aisle on this machine (localhost, 127.x.x.x, ::1).";
            return null;
        }

        var builder = new UriBuilder(uri) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    public static bool IsLoopbackHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var ip) && IPAddress.IsLoopback(ip);
    }
}
