using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DistributedCloud.Networking.Kubernetes.Services.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DistributedCloud.Networking.Kubernetes.Services.Manifests;

/// <summary>
/// Reads a Service manifest from YAML or JSON text: a <c>kind: Service</c> object (apiVersion/kind/metadata/spec),
/// or, without a kind, an object with a <c>spec</c> or a bare spec. Only the IP-family fields are read; a
/// document that is not a Service, or a field of the wrong shape, is reported as a problem (a usage error).
/// </summary>
public static partial class ServiceManifestReader
{
    /// <summary>The largest manifest read, in UTF-8 bytes (1 MiB); a Service is a few hundred bytes.</summary>
    public const int MaxManifestBytes = 1024 * 1024;

    /// <summary>How many nodes YAML aliases may stand for in one manifest, counted as if expanded.</summary>
    public const int MaxAliasExpandedNodes = 10_000;

    /// <summary>How deeply mappings and sequences may nest.</summary>
    public const int MaxDepth = 64;

    public static ManifestReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxManifestBytes || Encoding.UTF8.GetByteCount(text) > MaxManifestBytes)
        {
            return ManifestReadResult.Failed(
                $"the manifest is {Encoding.UTF8.GetByteCount(text):N0} bytes and the limit is {MaxManifestBytes:N0} (1 MiB); give the one Service, not a larger file");
        }

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

    /// <summary>
    /// Builds the document from the parser's events without recursion. An alias shares the value of its anchor,
    /// but counts as the nodes it stands for: a manifest whose aliases would expand to more than
    /// <see cref="MaxAliasExpandedNodes"/> nodes (a "billion laughs" document) is refused before any expansion.
    /// </summary>
    private static object? ReadYaml(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (object? Value, long Nodes)>(StringComparer.Ordinal);
        var open = new Stack<YamlContainer>();
        var documents = new List<object?>();
        long aliasNodes = 0;
        object? root = null;

        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    root = null;
                    break;
                case DocumentEnd:
                    if (root is not null)
                    {
                        documents.Add(root);
                    }

                    break;
                case MappingStart mappingStart:
                    Open(new YamlContainer(mappingStart.Anchor, isMapping: true));
                    break;
                case SequenceStart sequenceStart:
                    Open(new YamlContainer(sequenceStart.Anchor, isMapping: false));
                    break;
                case MappingEnd or SequenceEnd:
                    var closed = open.Pop();
                    var value = closed.Build();
                    Remember(closed.Anchor, value, closed.Nodes);
                    Add(value, closed.Nodes, isAlias: false);
                    break;
                case Scalar scalar:
                    var scalarValue = FromScalar(scalar);
                    Remember(scalar.Anchor, scalarValue, 1);
                    Add(scalarValue, 1, isAlias: false);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        throw new ManifestShapeException($"the alias *{alias.Value.Value} refers to no anchor defined before it; define &{alias.Value.Value} first or write the value out");
                    }

                    aliasNodes += anchored.Nodes;
                    if (aliasNodes > MaxAliasExpandedNodes)
                    {
                        throw new ManifestShapeException(
                            $"the manifest's YAML aliases (*{alias.Value.Value} and others) expand to more than {MaxAliasExpandedNodes:N0} nodes, a pattern used to exhaust memory; write the values out, or use fewer anchors and aliases");
                    }

                    Add(anchored.Value, anchored.Nodes, isAlias: true);
                    break;
            }
        }

        if (documents.Count == 0)
        {
            throw new ManifestShapeException("the manifest is empty; expected one Service");
        }

        if (documents.Count > 1)
        {
            throw new ManifestShapeException($"the manifest holds {documents.Count} documents; give exactly one Service");
        }

        return documents[0];

        void Open(YamlContainer container)
        {
            if (open.Count >= MaxDepth)
            {
                throw new ManifestShapeException($"the manifest is nested more than {MaxDepth} levels deep; a Service needs only a few");
            }

            open.Push(container);
        }

        void Remember(AnchorName anchor, object? value, long nodes)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = (value, nodes);
            }
        }

        void Add(object? value, long nodes, bool isAlias)
        {
            if (open.Count == 0)
            {
                root = IsEmptyDocument(value) ? null : value;
                return;
            }

            open.Peek().Add(value, nodes, isAlias);
        }
    }

    private static bool IsEmptyDocument(object? value) => value is null;

    private static object? FromScalar(Scalar scalar)
    {
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        var isString = scalar.Style != ScalarStyle.Plain || !NonStringPlainScalar().IsMatch(scalar.Value);
        return new ManifestScalar(scalar.Value, isString);
    }

    /// <summary>A mapping or sequence being read: its entries so far and how many nodes it stands for.</summary>
    private sealed class YamlContainer(AnchorName anchor, bool isMapping)
    {
        private readonly List<object?> _items = [];
        private readonly List<(string, object?)> _entries = [];
        private string? _key;
        private bool _expectKey = true;

        public AnchorName Anchor { get; } = anchor;

        public long Nodes { get; private set; } = 1;

        public void Add(object? value, long nodes, bool isAlias)
        {
            Nodes += nodes;
            if (!isMapping)
            {
                _items.Add(value);
                return;
            }

            if (_expectKey)
            {
                _key = value is ManifestScalar key && !isAlias ? key.Text : null;
                if (_key is null)
                {
                    throw new ManifestShapeException("the manifest has a key that is not a plain name");
                }

                _expectKey = false;
                return;
            }

            _entries.Add((_key!, value));
            _expectKey = true;
        }

        public object Build() => isMapping ? ToMap(_entries) : _items;
    }

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
