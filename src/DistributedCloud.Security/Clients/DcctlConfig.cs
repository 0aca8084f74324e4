using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DistributedCloud.Security.Clients;

/// <summary>
/// A dcctl configuration (S-6): where the server is, the CA that vouches for it, and the caller's credential (a token,
/// or a client certificate and key). The controller writes one for its bootstrap administrator, a standalone agent
/// for its own, and <c>dcctl subcloud access</c> for a break-glass session; dcctl reads it from --config,
/// DCCTL_CONFIG or ~/.config/dcctl/config.yaml. It holds secrets: always written owner-only.
/// </summary>
public sealed class DcctlConfig
{
    /// <summary>The controller's gRPC URL (https://ADDRESS:PORT).</summary>
    public string? Controller { get; set; }

    /// <summary>A standalone or break-glass agent's gRPC URL, used like --agent.</summary>
    public string? Agent { get; set; }

    /// <summary>PEM of the CA certificates that may vouch for the server.</summary>
    public string? CaCertificate { get; set; }

    public string? Token { get; set; }

    /// <summary>PEM of a client certificate (dcctl subcloud access) and its key.</summary>
    public string? ClientCertificate { get; set; }

    public string? ClientKey { get; set; }

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithDefaultScalarStyle(ScalarStyle.Any)
        .Build();

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public string ToYaml(string comment) =>
        string.Concat(comment.Split('\n').Select(line => "# " + line + "\n")) + Writer.Serialize(this);

    /// <summary>Reads a configuration; an unknown key or malformed YAML is an <see cref="InvalidDataException"/> naming the problem.</summary>
    public static DcctlConfig Parse(string yaml)
    {
        try
        {
            return Reader.Deserialize<DcctlConfig>(yaml) ?? new DcctlConfig();
        }
        catch (YamlException bad)
        {
            throw new InvalidDataException($"line {bad.Start.Line}: {bad.InnerException?.Message ?? bad.Message}", bad);
        }
    }
}
