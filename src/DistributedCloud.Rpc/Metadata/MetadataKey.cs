namespace DistributedCloud.Rpc.Metadata;

/// <summary>Metadata key rules: 1+ characters of 0-9 a-z _ - . (upper case is folded), not "grpc-" reserved.</summary>
public static class MetadataKey
{
    public static string Normalize(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' holds '{c}'; keys use only 0-9, a-z, '-', '_' and '.'.", nameof(key));
            }
        }

        return lower;
    }

    /// <summary>
    /// True for HTTP/2 and gRPC protocol headers, which are never exposed as call metadata.
    /// </summary>
    public static bool IsReserved(string key) =>
        key.Length == 0
        || key[0] == ':'
        || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || key.Equals("te", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase)
        || key.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || key.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase);
}
