using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// The <c>--secondary-subnets</c> file (cli.md): a map from subcloud name, or <c>default</c> for every subcloud not
/// named, to bootstrap keys (N-21) giving the secondary family's values. Only the networks an entry names are changed.
/// </summary>
public sealed class SecondarySubnets
{
    public const string DefaultEntry = "default";

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _entries;

    public SecondarySubnets(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Entries => _entries;

    /// <summary>The subcloud's own entry, else the default one, else null.</summary>
    public IReadOnlyDictionary<string, string>? For(string subcloud) =>
        _entries.TryGetValue(subcloud, out var own) ? own : _entries.GetValueOrDefault(DefaultEntry);

    /// <summary>Reads the YAML text; every problem is reported at once.</summary>
    public static SecondarySubnets Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new ErrorCollector();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception ex) when (ex is YamlException or ArgumentException or InvalidOperationException)
        {
            throw new DomainException(new DomainError("D-13", "secondary_subnets", $"the secondary-subnets file is not valid YAML: {ex.Message}"));
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DomainException(new DomainError("D-13", "secondary_subnets",
                "the secondary-subnets file must be one mapping from subcloud name (or 'default') to bootstrap keys"));
        }

        var known = NetworkBootstrapKeys.All.SelectMany(k => k.Keys()).ToHashSet(StringComparer.Ordinal);
        var entries = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (valueNode is not YamlMappingNode map)
            {
                errors.Add("D-13", $"secondary_subnets.{name}", $"entry '{name}' must map bootstrap keys to values, such as 'external_oam_subnet: 10.20.2.0/24'");
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? string.Empty;
                if (!known.Contains(key))
                {
                    errors.Add("D-13", $"secondary_subnets.{name}.{key}", $"'{key}' is not a network key of a bootstrap file (such as external_oam_subnet or cluster_pod_subnet)");
                }
                else if (v is not YamlScalarNode { Value: { Length: > 0 } text } || text.Contains(',', StringComparison.Ordinal))
                {
                    errors.Add("D-13", $"secondary_subnets.{name}.{key}", $"'{key}' of entry '{name}' must be one value: the secondary family's");
                }
                else
                {
                    values[key] = text.Trim();
                }
            }

            entries[name] = values;
        }

        errors.ThrowIfAny();
        return new SecondarySubnets(entries);
    }
}
