namespace DistributedCloud.Rpc.Metadata;

/// <summary>
/// One metadata pair. Keys are lower-case; a key ending in "-bin" carries bytes (base64 on the wire),
/// any other key carries printable ASCII.
/// </summary>
public sealed class MetadataEntry
{
    private readonly string? _text;
    private readonly byte[]? _bytes;

    public MetadataEntry(string key, string value)
    {
        Key = MetadataKey.Normalize(key);
        ArgumentNullException.ThrowIfNull(value);
        if (IsBinary)
        {
            throw new ArgumentException($"Metadata key '{Key}' ends in -bin and needs a byte[] value.", nameof(value));
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Metadata value of '{Key}' holds a character outside printable ASCII (0x{(int)c:X2}); use a -bin key for bytes.", nameof(value));
            }
        }

        _text = value;
    }

    public MetadataEntry(string key, byte[] value)
    {
        Key = MetadataKey.Normalize(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsBinary)
        {
            throw new ArgumentException($"Metadata key '{Key}' carries bytes, so it must end in -bin.", nameof(key));
        }

        _bytes = value;
    }

    public string Key { get; }

    public bool IsBinary => Key.EndsWith(Wire.GrpcProtocol.BinaryHeaderSuffix, StringComparison.Ordinal);

    /// <summary>The text value; for a binary entry, its unpadded base64 form.</summary>
    public string Value => _text ?? BinaryHeaderEncoding.Encode(_bytes!);

    /// <summary>The byte value; for a text entry, its ASCII bytes.</summary>
    public byte[] ValueBytes => _bytes ?? System.Text.Encoding.ASCII.GetBytes(_text!);

    public override string ToString() => $"{Key}={Value}";
}
