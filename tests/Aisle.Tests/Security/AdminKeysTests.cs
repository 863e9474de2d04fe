using System.Security.Cryptography;
using System.Text;
using Aisle.Frontend.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Aisle.Tests.Security;

public sealed class AdminKeysTests
{
    public static string Sha256(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void TwoHashedKeysAndThePlainOneAreValidAtOnceByName()
    {
        var keys = new AdminKeys(Config(new()
        {
            ["Aisle:AdminApiKey"] = "plain-key",
            ["Aisle:AdminKeys:0:Name"] = "ops-2026",
            ["Aisle:AdminKeys:0:Sha256"] = Sha256("old-key"),
            ["Aisle:AdminKeys:1:Name"] = "ops-2027",
            ["Aisle:AdminKeys:1:Sha256"] = Sha256("new-key").ToLowerInvariant(),
            ["Aisle:AdminKeys:2:Name"] = "broken",
            ["Aisle:AdminKeys:2:Sha256"] = "not hex",
        }));

        Assert.True(keys.AnyConfigured);
        Assert.Equal("default", keys.Match("plain-key"));
        Assert.Equal("ops-2026", keys.Match("old-key"));
        Assert.Equal("ops-2027", keys.Match("new-key"));
        Assert.Null(keys.Match("not hex"));
        Assert.Null(keys.Match("wrong"));
        Assert.Null(keys.Match(""));
        Assert.Null(keys.Match(null));
        Assert.Equal(3, keys.Hashes().Count());
    }

    [Fact]
    public void WithNoKeyConfiguredNothingMatches()
    {
        var keys = new AdminKeys(Config([]));

        Assert.False(keys.AnyConfigured);
        Assert.Null(keys.Match("anything"));
    }

    [Fact]
    public void ForwardedHeadersAreReadOnlyFromConfiguredProxies()
    {
        var none = new ForwardedHeadersOptions();
        ClientAddress.Configure(none, Config([]));
        var configured = new ForwardedHeadersOptions();
        ClientAddress.Configure(configured, Config(new()
        {
            ["Aisle:ForwardedHeaders:KnownProxies:0"] = "10.1.2.3",
            ["Aisle:ForwardedHeaders:KnownNetworks:0"] = "10.64.0.0/14",
        }));

        Assert.Equal(ForwardedHeaders.None, none.ForwardedHeaders);
        Assert.Empty(none.KnownProxies);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, configured.ForwardedHeaders);
        Assert.Equal("10.1.2.3", Assert.Single(configured.KnownProxies).ToString());
        Assert.Single(configured.KnownIPNetworks);
        Assert.Throws<InvalidOperationException>(() =>
            ClientAddress.Configure(new ForwardedHeadersOptions(), Config(new() { ["Aisle:ForwardedHeaders:KnownProxies:0"] = "proxy.local" })));
    }
}
