using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Audit;

/// <summary>What the controller expects a subcloud's agent to report (D-7), derived from the subcloud record.</summary>
public sealed record ExpectedSite(
    SystemMode Mode,
    IpFamily PrimaryFamily,
    IReadOnlyDictionary<NetworkType, IReadOnlyList<Subnet>> Networks,
    IReadOnlyList<string> Hosts,
    bool KubernetesDualStack)
{
    public static ExpectedSite Of(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        var networks = subcloud.Pools.GroupBy(p => p.Network).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<Subnet>)g.OrderBy(p => p.IsPrimary ? 0 : 1).Select(p => Subnet.Parse(p.Subnet)).ToArray());
        return new ExpectedSite(
            subcloud.Mode,
            subcloud.PrimaryFamily,
            networks,
            subcloud.Hosts.Select(h => h.Name).ToArray(),
            KubernetesDualStackOf(networks.ToDictionary(p => p.Key, p => p.Value.Count)));
    }

    /// <summary>N-26: Kubernetes is dual-stack exactly when oam and the three cluster networks all hold two pools.</summary>
    public static bool KubernetesDualStackOf(IReadOnlyDictionary<NetworkType, int> poolCounts)
    {
        ArgumentNullException.ThrowIfNull(poolCounts);
        return new[] { NetworkType.Oam, NetworkType.ClusterHost, NetworkType.ClusterPod, NetworkType.ClusterService }
            .All(t => poolCounts.TryGetValue(t, out var count) && count == 2);
    }
}
