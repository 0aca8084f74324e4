namespace DistributedCloud.Testing;

/// <summary>
/// A directory of its own under the system's temporary directory (<c>TMP/prefix/guid</c>), created when the first file
/// is written (or by whoever is handed <see cref="Root"/>) and removed, with everything in it, on dispose.
/// </summary>
public sealed class TempDirectory(string prefix) : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), prefix, Guid.NewGuid().ToString("N"));

    /// <summary>The path of <paramref name="name"/> in the directory (not created).</summary>
    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the directory and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Never created, or a leftover temporary directory: harmless.
        }
    }
}
