namespace DistributedCloud.Cli;

/// <summary>Reads files named on the command line; a file that cannot be read is a usage error (exit 2).</summary>
public static class InputFiles
{
    public const long MaxBytes = 4 * 1024 * 1024;

    public static string ReadText(string path, string what) => ReadText(path, what, MaxBytes);

    /// <summary>Reads a file of at most <paramref name="maxBytes"/>; a larger one is refused before it is read.</summary>
    public static string ReadText(string path, string what, long maxBytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException($"{what} '{path}' does not exist");
            }

            if (info.Length > maxBytes)
            {
                throw new UsageException($"{what} '{path}' is {info.Length} bytes; the limit is {maxBytes}: give a smaller file");
            }

            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {what} '{path}': {ex.Message}");
        }
    }

    /// <summary>Reads standard input, refusing more than <paramref name="maxBytes"/> characters without reading on.</summary>
    public static async Task<string> ReadStandardInputAsync(string what, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new char[maxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await Console.In.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {what} from standard input: {ex.Message}");
        }

        if (length > maxBytes)
        {
            throw new UsageException($"{what} on standard input is more than {maxBytes} bytes, the limit: give a smaller document");
        }

        return new string(buffer, 0, length);
    }
}
