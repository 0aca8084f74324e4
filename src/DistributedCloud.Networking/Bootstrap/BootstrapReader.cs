using System.Globalization;
using DistributedCloud.Networking.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.Networking.Bootstrap;

/// <summary>Reads bootstrap YAML text into keys and values. Never throws on bad input: it reports.</summary>
public static class BootstrapReader
{
    /// <summary>Upper bound on what is read, so a hostile file cannot exhaust memory.</summary>
    public const int MaxLength = 1024 * 1024;

    public static BootstrapDocument? Read(string text, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        if (text.Length > MaxLength)
        {
            errors.Add("N-21", "bootstrap", $"the file is {text.Length} characters long; a bootstrap file is at most {MaxLength}");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add("N-21", "bootstrap", $"the file is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet reports duplicate keys and some malformed nodes this way.
            errors.Add("N-21", "bootstrap", $"the file is not valid YAML: {ex.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            errors.Add("N-21", "bootstrap", "the file is empty; it needs at least external_oam_subnet and management_subnet");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add("N-21", "bootstrap", $"the file holds {stream.Documents.Count} YAML documents; a bootstrap file is one mapping of keys to values");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add("N-21", "bootstrap", "the file is not a mapping of keys to values (such as 'management_subnet: fd01::/64')");
            return null;
        }

        var values = new List<BootstrapValue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)Math.Min(keyNode.Start.Line, int.MaxValue);
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                errors.Add("N-21", "bootstrap", $"line {line}: a key must be a plain name");
                continue;
            }

            if (!seen.Add(key))
            {
                errors.Add("N-21", key, $"line {line}: '{key}' is given more than once");
                continue;
            }

            switch (valueNode)
            {
                case YamlScalarNode scalar:
                    values.Add(new BootstrapValue(key, scalar.Value ?? string.Empty, line));
                    break;
                case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                    values.Add(new BootstrapValue(key,
                        string.Join(',', sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value)), line));
                    break;
                default:
                    if (BootstrapKeys.IsKnown(key))
                    {
                        errors.Add("N-21", key, $"line {line}: '{key}' must be a value or a list of values, not a nested mapping");
                    }

                    // Other keys of the reference platform (registries, certificates...) may be structured; they are
                    // not ours to read.
                    values.Add(new BootstrapValue(key, string.Empty, line));
                    break;
            }
        }

        return new BootstrapDocument(values);
    }

    /// <summary>Formats a line number for messages.</summary>
    internal static string At(BootstrapValue? value) =>
        value is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (line {value.Line})");
}
