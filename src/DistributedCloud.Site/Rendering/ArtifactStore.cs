using System.Globalization;
using System.Text;
using DistributedCloud.Networking.Kubernetes.Config;

namespace DistributedCloud.Site.Rendering;

/// <summary>
/// Writes a site's rendered artifacts under a directory, one generation at a time (N-32): every file of a generation
/// is written into a temporary directory, flushed, and the directory renamed to <c>gen-NNNNNNNN</c> in one step; then
/// the <c>current</c> pointer is replaced the same way (temp file + rename). A reader therefore sees a whole
/// generation or the previous one, never a mix.
/// </summary>
public sealed class ArtifactStore
{
    public const string CurrentFile = "current";
    public const string ManifestFile = "MANIFEST";
    public const string GenerationFile = "GENERATION";

    private const string Prefix = "gen-";

    private readonly int _keep;

    public ArtifactStore(string directory, int keepGenerations = 5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepGenerations, 1);
        Root = Path.GetFullPath(directory);
        _keep = keepGenerations;
    }

    public string Root { get; }

    public static string GenerationDirectoryName(long generation) => Prefix + generation.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The generation <c>current</c> points at, or null before the first write.</summary>
    public long? CurrentGeneration
    {
        get
        {
            var pointer = Path.Combine(Root, CurrentFile);
            if (!File.Exists(pointer))
            {
                return null;
            }

            var text = File.ReadAllText(pointer).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : null;
        }
    }

    /// <summary>Writes a generation (again, if it already exists complete, only the pointer moves) and makes it current.</summary>
    public string Write(long generation, IReadOnlyList<RenderedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(generation);
        Directory.CreateDirectory(Root);
        var final = Path.Combine(Root, GenerationDirectoryName(generation));
        if (!Directory.Exists(final))
        {
            var temp = Path.Combine(Root, $".{GenerationDirectoryName(generation)}.{Guid.NewGuid():N}.tmp");
            Directory.CreateDirectory(temp);
            foreach (var document in documents)
            {
                WriteFile(Path.Combine(temp, RelativePath(document.Name)), document.Content);
            }

            WriteFile(Path.Combine(temp, GenerationFile), generation.ToString(CultureInfo.InvariantCulture) + "\n");
            WriteFile(Path.Combine(temp, ManifestFile), string.Concat(documents.Select(d => d.Name + "\n")));
            Directory.Move(temp, final);
        }

        var pointerTemp = Path.Combine(Root, $".{CurrentFile}.{Guid.NewGuid():N}.tmp");
        WriteFile(pointerTemp, generation.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(pointerTemp, Path.Combine(Root, CurrentFile), overwrite: true);
        Prune(generation);
        return final;
    }

    /// <summary>The current generation as written, or null before the first write.</summary>
    public RenderedArtifacts? ReadCurrent() => CurrentGeneration is { } generation ? Read(generation) : null;

    public RenderedArtifacts Read(long generation)
    {
        var directory = Path.Combine(Root, GenerationDirectoryName(generation));
        var names = File.ReadAllLines(Path.Combine(directory, ManifestFile)).Where(l => l.Length > 0).ToArray();
        var documents = names.Select(n => new RenderedDocument(n, File.ReadAllText(Path.Combine(directory, RelativePath(n))))).ToArray();
        return new RenderedArtifacts(generation, directory, documents);
    }

    private static string RelativePath(string name)
    {
        if (Path.IsPathRooted(name) || name.Split('/').Any(part => part is ".." or "." or ""))
        {
            throw new ArgumentException($"artifact name '{name}' must be a relative path without '.' or '..' parts", nameof(name));
        }

        return name.Replace('/', Path.DirectorySeparatorChar);
    }

    private static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Keeps the newest generations (and the current one); removes leftovers of interrupted writes.</summary>
    private void Prune(long current)
    {
        foreach (var stale in Directory.EnumerateFileSystemEntries(Root, ".*.tmp"))
        {
            if (Directory.Exists(stale))
            {
                Directory.Delete(stale, recursive: true);
            }
            else
            {
                File.Delete(stale);
            }
        }

        var generations = Directory.EnumerateDirectories(Root, Prefix + "*")
            .Select(d => (Path: d, Number: long.TryParse(Path.GetFileName(d)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(g => g.Number >= 0 && g.Number != current)
            .OrderByDescending(g => g.Number)
            .Skip(_keep - 1);
        foreach (var old in generations)
        {
            Directory.Delete(old.Path, recursive: true);
        }
    }
}
