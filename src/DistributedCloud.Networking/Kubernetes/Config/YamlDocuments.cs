using System.Text;
using YamlDotNet.Serialization;

namespace DistributedCloud.Networking.Kubernetes.Config;

/// <summary>YAML through YamlDotNet only: ordered maps in, one or more documents out, deterministic.</summary>
internal static class YamlDocuments
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    /// <summary>An ordered map; entries whose value is null are left out.</summary>
    public static OrderedDictionary<string, object> Map(params (string Key, object? Value)[] entries)
    {
        var map = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map.Add(key, value);
            }
        }

        return map;
    }

    /// <summary>
    /// Serializes each graph as one document; several make a multi-document stream with a <c>---</c> marker
    /// starting each document (YamlDotNet writes one stream per call, so the markers join its output).
    /// </summary>
    public static string Serialize(params object[] documents)
    {
        if (documents.Length == 1)
        {
            return Serializer.Serialize(documents[0]);
        }

        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("---\n").Append(Serializer.Serialize(document));
        }

        return text.ToString();
    }
}
