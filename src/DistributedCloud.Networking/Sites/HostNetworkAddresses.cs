using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Networking.Sites;

/// <summary>A host's addresses on one network, primary family first, with the network's gateways.</summary>
public sealed record HostNetworkAddresses(
    NetworkType Network,
    IReadOnlyList<HostAddress> Addresses,
    IReadOnlyList<System.Net.IPAddress> Gateways);

/// <summary>An address with the prefix length of its subnet.</summary>
public sealed record HostAddress(System.Net.IPAddress Address, int PrefixLength)
{
    public IpFamily Family => IpFamilyExtensions.FamilyOf(Address);

    public override string ToString() => $"{Address}/{PrefixLength}";
}
