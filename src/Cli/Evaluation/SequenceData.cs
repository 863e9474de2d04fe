using System.Text.Json;

namespace Aisle.Cli.Evaluation;

/// <summary>One user's items in time order, as one line of a <c>user item1 item2 …</c> file.</summary>
public sealed record UserSequence(string UserId, IReadOnlyList<string> Items);

/// <summary>
/// A sequence file (<c>user item1 item2 …</c>, one user per line, items in time order) and, optionally, item
/// attributes (JSON object: item id → list of attribute ids, as in S3-Rec's <c>*_item2attributes.json</c>).
/// </summary>
public sealed record SequenceData(IReadOnlyList<UserSequence> Users, IReadOnlyDictionary<string, int[]> Attributes)
{
    /// <summary>Every item of the file, in order of first appearance.</summary>
    public IReadOnlyList<string> Items { get; } = Users.SelectMany(u => u.Items).Distinct(StringComparer.Ordinal).ToArray();

    public int Interactions => Users.Sum(u => u.Items.Count);

    /// <param name="maxUsers">Keep only the first this-many users (a documented subset for quick runs).</param>
    public static SequenceData Load(string sequencesFile, string? attributesFile, int? maxUsers = null)
    {
        var users = new List<UserSequence>();
        foreach (var line in File.ReadLines(sequencesFile))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            users.Add(new UserSequence(parts[0], parts[1..]));
            if (users.Count == maxUsers)
            {
                break;
            }
        }

        var attributes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        if (attributesFile is not null)
        {
            using var stream = File.OpenRead(attributesFile);
            attributes = JsonSerializer.Deserialize<Dictionary<string, int[]>>(stream) ?? attributes;
        }

        return new SequenceData(users, attributes);
    }

    /// <summary>The attributes file that sits beside <paramref name="sequencesFile"/> by S3-Rec's naming
    /// (<c>Beauty.txt</c> → <c>Beauty_item2attributes.json</c>), when it exists.</summary>
    public static string? AttributesBeside(string sequencesFile)
    {
        var candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sequencesFile)) ?? ".",
            Path.GetFileNameWithoutExtension(sequencesFile) + "_item2attributes.json");
        return File.Exists(candidate) ? candidate : null;
    }
}
