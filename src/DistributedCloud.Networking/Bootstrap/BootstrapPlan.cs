using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.Bootstrap;

/// <summary>A valid site built from a bootstrap file: its networks and pools, hosts and their addresses.</summary>
public sealed record BootstrapPlan(
    SystemMode Mode,
    SiteNetworks Networks,
    IReadOnlyList<HostAddressing> Hosts,
    IReadOnlyList<System.Net.IPAddress> DnsServers,
    string? Name,
    string? Release,
    IReadOnlyList<string> Defaults,
    IReadOnlyList<string> Warnings)
{
    public IpFamily PrimaryFamily => Networks.PrimaryFamily ?? IpFamily.IPv4;

    /// <summary>N-26.</summary>
    public bool KubernetesDualStack => Networks.KubernetesDualStack;
}
