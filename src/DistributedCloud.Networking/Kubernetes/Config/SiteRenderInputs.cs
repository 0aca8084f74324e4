using System.Net;
using DistributedCloud.Networking.Kubernetes.Cidrs;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.Kubernetes.Config;

/// <summary>
/// Maps a site (its networks and each host's addresses) to the renderer's inputs (N-32): the Kubernetes ones from
/// the cluster networks, the host network descriptions from every network a host is on.
/// </summary>
public static class SiteRenderInputs
{
    /// <remarks>
    /// Kubernetes sees a cluster network's secondary pool only while the site runs Kubernetes dual-stack: pools
    /// assigned on the way there change nothing for Kubernetes until the last of the three arrives (N-27).
    /// </remarks>
    public static KubernetesNetworkInputs Kubernetes(SiteNetworks site, IReadOnlyList<HostAddressing> hosts)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(hosts);
        var families = site.KubernetesDualStack ? 2 : 1;
        var clusterHostPools = PoolsOf(site, NetworkType.ClusterHost).Take(families).ToArray();

        // Controllers first, controller-0 leading: the first host is the one kubeadm initialises.
        var kubernetesHosts = hosts
            .Where(h => h.Host.Role != HostRole.Storage)
            .OrderBy(h => h.Host.Role == HostRole.Controller ? 0 : 1)
            .ThenBy(h => h.Host.Name, StringComparer.Ordinal)
            .Where(h => h.On(NetworkType.ClusterHost) is not null)
            .Select(h => new KubernetesHostInputs(h.Host.Name, h.On(NetworkType.ClusterHost)!.Addresses.Take(families).Select(a => a.Address).ToArray()))
            .ToArray();

        var advertise = clusterHostPools.Select(p => p.FloatingAddress ?? p.Controller0Address).OfType<IPAddress>().ToArray();
        if (advertise.Length != clusterHostPools.Length && kubernetesHosts.Length > 0)
        {
            advertise = kubernetesHosts[0].ClusterHostAddresses.ToArray();
        }

        return new KubernetesNetworkInputs(
            PoolsOf(site, NetworkType.ClusterService).Take(families).Select(p => p.Subnet).ToArray(),
            PoolsOf(site, NetworkType.ClusterPod).Take(families).Select(p => p.Subnet).ToArray(),
            clusterHostPools.Select(p => p.Subnet).ToArray(),
            kubernetesHosts,
            advertise,
            PoolsOf(site, NetworkType.Oam).Select(p => p.FloatingAddress).OfType<IPAddress>().ToArray());
    }

    public static HostNetworkInputs HostNetwork(IReadOnlyList<HostAddressing> hosts, IReadOnlyList<IPAddress> dnsServers)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(dnsServers);
        return new HostNetworkInputs(hosts.Select(h => new HostNetworkHost(
            h.Host.Name,
            h.Networks.Where(n => n.Addresses.Count > 0).Select(n => new HostNetworkAttachment(
                n.Network.Name(),
                InterfaceName(n.Network),
                n.Addresses.Select(a => new InterfaceAddress(a.Address, a.PrefixLength)).ToArray(),
                // Default routes leave through the OAM gateways only, one per family; other gateways (such as a
                // subcloud's management gateway towards its controller) need routes to specific subnets instead.
                n.Network == NetworkType.Oam ? n.Gateways : [])).ToArray(),
            dnsServers)).ToArray());
    }

    /// <summary>The CIDR settings the site implies, for the derived component flags (K-1..K-3).</summary>
    public static KubernetesCidrSettings CidrSettings(KubernetesNetworkInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new KubernetesCidrSettings(
            ServiceCidrs: string.Join(',', inputs.ServiceSubnets),
            PodCidrs: string.Join(',', inputs.PodSubnets),
            NodeMaskV4: inputs.NodeMaskV4,
            NodeMaskV6: inputs.NodeMaskV6,
            NodeIps: inputs.Hosts.Count > 0 ? string.Join(',', inputs.Hosts[0].ClusterHostAddresses) : null,
            CloudProvider: inputs.CloudProvider);
    }

    /// <summary>
    /// A stable logical interface name per platform network (a site maps these to real ports). cluster-host shares
    /// the management interface, as platform installs do by default.
    /// </summary>
    public static string InterfaceName(NetworkType network) => network switch
    {
        NetworkType.ClusterHost => "mgmt0",
        NetworkType.SystemController => "sysctl0",
        NetworkType.SystemControllerOam => "sysctloam0",
        _ => $"{network.Name()}0",
    };

    private static IReadOnlyList<Pools.AddressPool> PoolsOf(SiteNetworks site, NetworkType type) =>
        site.Network(type) is { } network ? site.PoolsOf(network) : [];
}
