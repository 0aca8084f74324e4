using System.Globalization;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>
/// One address pool of a subcloud as the controller expects it (D-1 "subnets/addresses, primary and secondary"):
/// the network it is attached to and everything needed to rebuild it with the network rules.
/// </summary>
public sealed record SubcloudPool(
    NetworkType Network,
    bool IsPrimary,
    string Name,
    string Subnet,
    string Ranges,
    string? FloatingAddress,
    string? Controller0Address,
    string? Controller1Address,
    string? GatewayAddress)
{
    public IpFamily Family => Networking.Addressing.Subnet.Parse(Subnet).Family;

    public AddressPoolSpec ToSpec()
    {
        var subnet = Networking.Addressing.Subnet.Parse(Subnet);
        return new AddressPoolSpec(Name, subnet.NetworkAddress.ToString(), subnet.PrefixLength.ToString(CultureInfo.InvariantCulture),
            Order: null, Ranges, FloatingAddress, Controller0Address, Controller1Address, GatewayAddress);
    }

    /// <summary>The pools of a site, attached ones only, primary first per network.</summary>
    public static IReadOnlyList<SubcloudPool> Of(SiteNetworks site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Networks.SelectMany(n => site.PoolsOf(n).Select((p, i) => new SubcloudPool(
            n.Type,
            i == 0,
            p.Name,
            p.Subnet.ToString(),
            string.Join(',', p.Ranges.Select(r => r.ToString())),
            p.FloatingAddress?.ToString(),
            p.Controller0Address?.ToString(),
            p.Controller1Address?.ToString(),
            p.GatewayAddress?.ToString()))).ToArray();
    }
}
