using DistributedCloud.Contracts.Agent.V1;
using AgentSite = DistributedCloud.Contracts.Agent.V1.Site;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;
using AgentSystemMode = DistributedCloud.Contracts.Agent.V1.SystemMode;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>What an agent reports (agent.proto's Site), built from what the controller expects.</summary>
internal static class ReportedSites
{
    public static AgentSite SiteOf(Subcloud subcloud)
    {
        var site = new AgentSite
        {
            SystemName = subcloud.Name,
            Release = subcloud.Release ?? string.Empty,
            SystemMode = subcloud.Mode switch
            {
                Networking.Sites.SystemMode.Simplex => AgentSystemMode.Simplex,
                Networking.Sites.SystemMode.Duplex => AgentSystemMode.Duplex,
                _ => AgentSystemMode.Standard,
            },
            PrimaryFamily = subcloud.PrimaryFamily == Networking.Addressing.IpFamily.IPv6 ? AddressFamily.Ipv6 : AddressFamily.Ipv4,
        };
        foreach (var host in subcloud.Hosts)
        {
            site.Hosts.Add(new Host { Hostname = host.Name, Personality = host.Role == HostRole.Controller ? Personality.Controller : Personality.Worker });
        }

        foreach (var group in subcloud.Pools.GroupBy(p => p.Network))
        {
            var network = new Network { Type = group.Key.Name(), Name = group.Key.Name() };
            foreach (var pool in group.OrderBy(p => p.IsPrimary ? 0 : 1))
            {
                var subnet = Networking.Addressing.Subnet.Parse(pool.Subnet);
                network.Pools.Add(new AddressPool { Name = pool.Name, Network = subnet.NetworkAddress.ToString(), Prefix = (uint)subnet.PrefixLength });
            }

            site.Networks.Add(network);
        }

        return site;
    }
}
