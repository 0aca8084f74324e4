using System.Net;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Networking.Kubernetes.Config;

/// <summary>
/// What the renderer needs to derive a site's Kubernetes configuration (K-1..K-6). Every list is primary first:
/// the first entry's family is the site's primary family (K-6).
/// </summary>
/// <param name="ServiceSubnets">cluster-service subnets (kube-apiserver <c>--service-cluster-ip-range</c>).</param>
/// <param name="PodSubnets">cluster-pod subnets (controller-manager <c>--cluster-cidr</c>, kube-proxy, Calico IP pools).</param>
/// <param name="ClusterHostSubnets">cluster-host subnets (Calico's node address autodetection).</param>
/// <param name="Hosts">The Kubernetes nodes; the first is the one <c>kubeadm init</c> runs on.</param>
/// <param name="AdvertiseAddresses">The API server's advertise (cluster-host floating) addresses; the first is advertised.</param>
/// <param name="OamFloatingAddresses">OAM floating addresses, added to the API server certificate's SANs.</param>
/// <param name="NodeMaskV4">IPv4 node mask; null for the default 24.</param>
/// <param name="NodeMaskV6">IPv6 node mask; null for the default 64.</param>
/// <param name="DnsDomain">The cluster DNS domain.</param>
/// <param name="CloudProvider">The kubelet's cloud provider; null on bare metal.</param>
public sealed record KubernetesNetworkInputs(
    IReadOnlyList<Subnet> ServiceSubnets,
    IReadOnlyList<Subnet> PodSubnets,
    IReadOnlyList<Subnet> ClusterHostSubnets,
    IReadOnlyList<KubernetesHostInputs> Hosts,
    IReadOnlyList<IPAddress> AdvertiseAddresses,
    IReadOnlyList<IPAddress> OamFloatingAddresses,
    int? NodeMaskV4 = null,
    int? NodeMaskV6 = null,
    string DnsDomain = "cluster.local",
    string? CloudProvider = null);

/// <summary>One Kubernetes node: its name and cluster-host addresses, primary first (its kubelet <c>--node-ip</c>).</summary>
public sealed record KubernetesHostInputs(string Name, IReadOnlyList<IPAddress> ClusterHostAddresses);

/// <summary>The hosts' platform network settings, rendered as nmstate-style host network descriptions.</summary>
public sealed record HostNetworkInputs(IReadOnlyList<HostNetworkHost> Hosts);

/// <summary>One host: an entry per platform network it is attached to, and its DNS servers in order.</summary>
public sealed record HostNetworkHost(string Name, IReadOnlyList<HostNetworkAttachment> Networks, IReadOnlyList<IPAddress> DnsServers);

/// <summary>
/// One platform network (oam, mgmt, cluster-host, ...) on one interface: the host's addresses on it (primary first)
/// and the gateways (at most one per family) a default route should use. Several networks may share an interface.
/// </summary>
public sealed record HostNetworkAttachment(
    string Network,
    string InterfaceName,
    IReadOnlyList<InterfaceAddress> Addresses,
    IReadOnlyList<IPAddress> Gateways,
    string InterfaceType = "ethernet");

/// <summary>An address with its prefix length, as configured on an interface.</summary>
public sealed record InterfaceAddress(IPAddress Address, int PrefixLength)
{
    public override string ToString() => $"{Address}/{PrefixLength}";
}

/// <summary>One rendered file: its path relative to the output directory and its text.</summary>
public sealed record RenderedDocument(string Name, string Content);
