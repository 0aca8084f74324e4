namespace DistributedCloud.Networking.Bootstrap;

/// <summary>The keys of a bootstrap file as read, before any rule is applied.</summary>
public sealed class BootstrapDocument
{
    private readonly Dictionary<string, BootstrapValue> _values;

    public BootstrapDocument(IEnumerable<BootstrapValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToDictionary(v => v.Key, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<BootstrapValue> Values => _values.Values;

    public BootstrapValue? this[string key] => _values.GetValueOrDefault(key);

    public string? Text(string key) => _values.TryGetValue(key, out var value) ? value.Text : null;

    public bool Has(string key) => _values.ContainsKey(key);
}
