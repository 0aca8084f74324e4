using System.Globalization;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.EndToEnd.Tests.Fleet;

/// <summary>
/// The Kubernetes networking an agent rendered last (N-32): its data directory's current artifact generation
/// (<c>artifacts/current</c>, <c>gen-NNNNNNNN/</c>, docs/site-model.md), kubeadm's ClusterConfiguration and Calico's IPAM.
/// </summary>
public sealed record RenderedKubernetes(string ServiceSubnet, string PodSubnet, bool CalicoIpv4, bool CalicoIpv6)
{
    public static RenderedKubernetes Read(AgentProcess agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Current(agent, Path.Combine("kubeadm", "kubeadm-config.yaml"))));
        var cluster = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => d.Children[new YamlScalarNode("kind")].ToString() == "ClusterConfiguration");
        var networking = (YamlMappingNode)cluster.Children[new YamlScalarNode("networking")];
        var ipam = Current(agent, Path.Combine("calico", "cni-ipam.json"));
        return new RenderedKubernetes(
            networking.Children[new YamlScalarNode("serviceSubnet")].ToString(),
            networking.Children[new YamlScalarNode("podSubnet")].ToString(),
            ipam.Contains("\"assign_ipv4\": \"true\"", StringComparison.Ordinal),
            ipam.Contains("\"assign_ipv6\": \"true\"", StringComparison.Ordinal));
    }

    private static string Current(AgentProcess agent, string relative)
    {
        var root = Path.Combine(agent.DataDirectory, "artifacts");
        var generation = long.Parse(File.ReadAllText(Path.Combine(root, "current")).Trim(), CultureInfo.InvariantCulture);
        var directory = Path.Combine(root, $"gen-{generation.ToString("D8", CultureInfo.InvariantCulture)}");
        return File.ReadAllText(Path.Combine(directory, relative));
    }
}
