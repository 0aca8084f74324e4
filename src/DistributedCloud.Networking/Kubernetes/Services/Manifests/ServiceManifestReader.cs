using System.Text.Json;
using System.Text.RegularExpressions;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.Networking.Kubernetes.Services.Manifests;

/// <summary>
/// Reads a Service manifest from YAML or JSON text: a <c>kind: Service</c> object (apiVersion/kind/metadata/spec),
/// or, without a kind, an object with a <c>spec</c> or a bare spec. Only the IP-family fields are read; a
/// document that is not a Service, or a field of the wrong shape, is reported as a problem (a usage error).
/// </summary>
public static partial class ServiceManifestReader
{
    public static ManifestReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        object? root;
        try
        {
            root = LooksLikeJson(text) ? ReadJson(text) : ReadYaml(text);
        }
        catch (JsonException ex)
        {
            return ManifestReadResult.Failed($"the manifest is not valid JSON: {ex.Message}");
        }
        catch (YamlException ex)
        {
            return ManifestReadResult.Failed($"the manifest is not valid YAML: {ex.Message}");
        }
        catch (ManifestShapeException ex)
        {
            return ManifestReadResult.Failed(ex.Message);
        }

        try
        {
            return ManifestReadResult.Read(ToService(root));
        }
        catch (ManifestShapeException ex)
        {
            return ManifestReadResult.Failed(ex.Message);
        }
    }

    private static ServiceSpec ToService(object? root)
    {
        if (root is not IReadOnlyDictionary<string, object?> document)
        {
            throw new ManifestShapeException("the manifest is not an object; expected a Service with apiVersion, kind, metadata and spec");
        }

        var kind = OptionalString(document, "kind", "kind");
        if (kind is not null && kind != "Service")
        {
            throw new ManifestShapeException($"the manifest is a '{kind}', not a Service");
        }

        IReadOnlyDictionary<string, object?> spec;
        IReadOnlyDictionary<string, object?>? metadata = null;
        if (kind is not null || document.ContainsKey("spec") || document.ContainsKey("metadata"))
        {
            spec = OptionalMap(document, "spec", "spec") ?? new Dictionary<string, object?>();
            metadata = OptionalMap(document, "metadata", "metadata");
        }
        else
        {
            spec = document;
        }

        var selector = OptionalMap(spec, "selector", "spec.selector");
        return new ServiceSpec
        {
            Name = metadata is null ? null : OptionalString(metadata, "name", "metadata.name"),
            Namespace = metadata is null ? null : OptionalString(metadata, "namespace", "metadata.namespace"),
            Type = OptionalString(spec, "type", "spec.type"),
            ClusterIP = OptionalString(spec, "clusterIP", "spec.clusterIP"),
            ClusterIPs = StringList(spec, "clusterIPs", "spec.clusterIPs"),
            IpFamilies = StringList(spec, "ipFamilies", "spec.ipFamilies"),
            IpFamilyPolicy = OptionalString(spec, "ipFamilyPolicy", "spec.ipFamilyPolicy"),
            HasSelector = selector is { Count: > 0 },
            ExternalName = OptionalString(spec, "externalName", "spec.externalName"),
        };
    }

    private static string? OptionalString(IReadOnlyDictionary<string, object?> map, string key, string path) =>
        map.TryGetValue(key, out var value) ? AsString(value, path) : null;

    private static string? AsString(object? value, string path) => value switch
    {
        null => null,
        ManifestScalar { IsString: true } scalar => scalar.Text,
        ManifestScalar scalar => throw new ManifestShapeException($"{path} must be a string, not {scalar.Text}; quote the value"),
        _ => throw new ManifestShapeException($"{path} must be a string, not a list or an object"),
    };

    private static IReadOnlyDictionary<string, object?>? OptionalMap(IReadOnlyDictionary<string, object?> map, string key, string path) =>
        map.TryGetValue(key, out var value)
            ? value switch
            {
                null => null,
                IReadOnlyDictionary<string, object?> child => child,
                _ => throw new ManifestShapeException($"{path} must be an object"),
            }
            : null;

    private static IReadOnlyList<string> StringList(IReadOnlyDictionary<string, object?> map, string key, string path)
    {
        if (!map.TryGetValue(key, out var value) || value is null)
        {
            return [];
        }

        if (value is not IReadOnlyList<object?> items)
        {
            throw new ManifestShapeException($"{path} must be a list of strings");
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            // A null entry decodes to the empty string, as the apiserver's decoder does.
            result.Add(AsString(items[i], $"{path}[{i}]") ?? string.Empty);
        }

        return result;
    }

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '{';
    }

    private static object? ReadJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        return FromJson(document.RootElement);
    }

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToMap(element.EnumerateObject().Select(p => (p.Name, FromJson(p.Value)))),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => new ManifestScalar(element.GetString() ?? string.Empty, true),
        JsonValueKind.Null => null,
        _ => new ManifestScalar(element.GetRawText(), false),
    };

    private static object? ReadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = stream.Documents.Where(d => !IsEmpty(d.RootNode)).ToList();
        if (documents.Count == 0)
        {
            throw new ManifestShapeException("the manifest is empty; expected one Service");
        }

        if (documents.Count > 1)
        {
            throw new ManifestShapeException($"the manifest holds {documents.Count} documents; give exactly one Service");
        }

        return FromYaml(documents[0].RootNode, 0);
    }

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode scalar && IsNullScalar(scalar);

    private static object? FromYaml(YamlNode node, int depth)
    {
        if (depth > 64)
        {
            throw new ManifestShapeException("the manifest is nested too deeply");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var entries = new List<(string, object?)>();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new ManifestShapeException("the manifest has a key that is not a plain name");
                    }

                    entries.Add((name, FromYaml(value, depth + 1)));
                }

                return ToMap(entries);
            case YamlSequenceNode sequence:
                return sequence.Children.Select(child => FromYaml(child, depth + 1)).ToList();
            case YamlScalarNode scalar:
                if (IsNullScalar(scalar))
                {
                    return null;
                }

                var isString = scalar.Style != ScalarStyle.Plain || !NonStringPlainScalar().IsMatch(scalar.Value ?? string.Empty);
                return new ManifestScalar(scalar.Value ?? string.Empty, isString);
            default:
                throw new ManifestShapeException("the manifest uses a YAML construct that is not supported here (aliases?)");
        }
    }

    private static bool IsNullScalar(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static Dictionary<string, object?> ToMap(IEnumerable<(string Name, object? Value)> entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            if (!map.TryAdd(name, value))
            {
                throw new ManifestShapeException($"the manifest has the key '{name}' twice in one object");
            }
        }

        return map;
    }

    /// <summary>Plain YAML scalars that YAML 1.1 (as kubectl reads it) takes for booleans or numbers.</summary>
    [GeneratedRegex("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NonStringPlainScalar();

    private sealed record ManifestScalar(string Text, bool IsString);

    private sealed class ManifestShapeException(string message) : Exception(message);
}
