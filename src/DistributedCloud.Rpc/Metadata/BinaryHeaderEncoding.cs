namespace DistributedCloud.Rpc.Metadata;

/// <summary>
/// Base64 for "-bin" headers: emitted without padding; accepted with or without padding, and as
/// several comma-separated values (HTTP/2 may join repeated headers).
/// </summary>
public static class BinaryHeaderEncoding
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one base64 value, padded or not; throws <see cref="FormatException"/> when it is not base64.</summary>
    public static byte[] Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var unpadded = trimmed.TrimEnd('=');
        var padding = (4 - (unpadded.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException($"'{value}' is not valid base64: its length leaves a single dangling character.");
        }

        return Convert.FromBase64String(unpadded + new string('=', padding));
    }

    /// <summary>Decodes each comma-separated value of a joined header.</summary>
    public static IEnumerable<byte[]> DecodeAll(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return Decode(part);
        }
    }
}
