namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary>Writes rendered files so that a reader never sees half a file: temp file in the same folder, then rename.</summary>
public static class ArtifactWriter
{
    public static string Write(string root, string relativePath, string content)
    {
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        var rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"rendered file '{relativePath}' would land outside '{root}'");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, content);
        File.Move(temp, full, overwrite: true);
        return full;
    }
}
