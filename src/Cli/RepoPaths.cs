namespace Aisle.Cli;

/// <summary>Default inputs live at fixed places relative to the repository root; commands run from any folder in it.</summary>
public static class RepoPaths
{
    /// <summary>The full path of <paramref name="relative"/> from the current folder or the nearest parent that has it, or null.</summary>
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, relative));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
