using System.Security.Cryptography;
using System.Text;

namespace Aisle.Frontend.Security;

/// <summary>
/// The keys that open the admin endpoints, each with a name that logs and metrics show instead of the key:
/// <list type="bullet">
/// <item><c>Aisle:AdminKeys:N:Name</c> + <c>Aisle:AdminKeys:N:Sha256</c> — the SHA-256 of the key in hex, so the
/// configuration never holds a usable key; several at once, so a new key can be rolled out before the old one is
/// removed (<c>printf %s "$KEY" | sha256sum</c>).</item>
/// <item><c>Aisle:AdminApiKey</c> — one plain key from the environment, named <c>default</c>.</item>
/// </list>
/// Matching compares hashes in constant time against every configured key. Read from configuration on each use, so a
/// reloaded configuration takes effect without a restart.
/// </summary>
public sealed class AdminKeys(IConfiguration configuration)
{
    public const string SectionKey = "Aisle:AdminKeys";
    public const string DefaultName = "default";

    private sealed record Entry(string Name, byte[] Hash);

    /// <summary>True when any admin key is configured; without one the admin endpoints stay closed.</summary>
    public bool AnyConfigured => Entries().Any();

    /// <summary>The name of the key <paramref name="given"/> is, or null when it is none of them.</summary>
    public string? Match(string? given)
    {
        if (string.IsNullOrEmpty(given))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        string? name = null;
        foreach (var entry in Entries())
        {
            // Every entry is compared, so the time does not tell which one (or whether any) matched.
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                name ??= entry.Name;
            }
        }

        return name;
    }

    /// <summary>A value derived from each key's hash (for the admin pages' cookie), by key name.</summary>
    public IEnumerable<(string Name, byte[] Hash)> Hashes() => Entries().Select(e => (e.Name, e.Hash));

    private IEnumerable<Entry> Entries()
    {
        if (configuration[AdminApiKey.ConfigurationKey] is { Length: > 0 } plain)
        {
            yield return new Entry(DefaultName, SHA256.HashData(Encoding.UTF8.GetBytes(plain)));
        }

        foreach (var key in configuration.GetSection(SectionKey).GetChildren())
        {
            if (key["Name"] is { Length: > 0 } name && key["Sha256"] is { Length: 64 } hex && TryHex(hex, out var hash))
            {
                yield return new Entry(name, hash);
            }
        }
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
