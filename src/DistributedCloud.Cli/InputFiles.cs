namespace DistributedCloud.Cli;

/// <summary>Reads files named on the command line; a file that cannot be read is a usage error (exit 2).</summary>
public static class InputFiles
{
    public const long MaxBytes = 4 * 1024 * 1024;

    public static string ReadText(string path, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException($"{what} '{path}' does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw new UsageException($"{what} '{path}' is {info.Length} bytes; the limit is {MaxBytes}");
            }

            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {what} '{path}': {ex.Message}");
        }
    }
}
