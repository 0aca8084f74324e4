using DistributedCloud.Contracts.Controller.V1;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary>
/// Reads <c>--secondary-subnets FILE</c>: a map from subcloud name (or <c>default</c>) to bootstrap keys and values
/// (cli.md). dcctl checks only the shape, listing every problem; the controller checks the keys and the addresses.
/// </summary>
public static class SecondarySubnetsFile
{
    public static IReadOnlyDictionary<string, SecondarySubnets> Read(string path) =>
        Parse(InputFiles.ReadText(path, "secondary-subnets file"), path);

    public static IReadOnlyDictionary<string, SecondarySubnets> Parse(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new UsageException($"secondary-subnets file '{path}' is not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UsageException($"secondary-subnets file '{path}' must be one mapping from subcloud name (or 'default') to bootstrap keys");
        }

        var problems = new List<string>();
        var entries = new Dictionary<string, SecondarySubnets>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (valueNode is not YamlMappingNode map)
            {
                problems.Add($"secondary-subnets file '{path}': entry '{name}' must map bootstrap keys to values, such as 'external_oam_subnet: 10.20.2.0/24'");
                continue;
            }

            var values = new SecondarySubnets();
            foreach (var (key, value) in map.Children)
            {
                var keyText = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (value is not YamlScalarNode { Value: { Length: > 0 } text })
                {
                    problems.Add($"secondary-subnets file '{path}': {name}.{keyText} must be a single value, such as 10.20.2.0/24");
                    continue;
                }

                values.Values[keyText] = text;
            }

            entries[name] = values;
        }

        return problems.Count > 0 ? throw new UsageException(problems) : entries;
    }
}
