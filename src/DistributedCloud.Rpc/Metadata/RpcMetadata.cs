using System.Collections;

namespace DistributedCloud.Rpc.Metadata;

/// <summary>Call metadata (request headers, response headers or trailers): an ordered multi-map.</summary>
public sealed class RpcMetadata : IEnumerable<MetadataEntry>
{
    private readonly List<MetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public MetadataEntry this[int index] => _entries[index];

    public RpcMetadata Add(string key, string value)
    {
        _entries.Add(new MetadataEntry(key, value));
        return this;
    }

    public RpcMetadata Add(string key, byte[] value)
    {
        _entries.Add(new MetadataEntry(key, value));
        return this;
    }

    public RpcMetadata Add(MetadataEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with the key, or null.</summary>
    public MetadataEntry? Get(string key)
    {
        var normalized = key.ToLowerInvariant();
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<MetadataEntry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return _entries.Where(e => e.Key == normalized);
    }

    /// <summary>
    /// Adds a header as received on the wire: reserved protocol headers are skipped, "-bin" values are
    /// base64-decoded (padded or not, comma-joined or not). Returns false when a -bin value is not base64.
    /// </summary>
    public bool TryAddFromWire(string key, string value)
    {
        if (MetadataKey.IsReserved(key))
        {
            return true;
        }

        if (key.EndsWith(Wire.GrpcProtocol.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                foreach (var bytes in BinaryHeaderEncoding.DecodeAll(value))
                {
                    _entries.Add(new MetadataEntry(key, bytes));
                }
            }
            catch (FormatException)
            {
                return false;
            }

            return true;
        }

        try
        {
            _entries.Add(new MetadataEntry(key, value));
        }
        catch (ArgumentException)
        {
            return false;
        }

        return true;
    }

    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
