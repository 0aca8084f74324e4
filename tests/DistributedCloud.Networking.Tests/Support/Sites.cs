using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.Tests.Support;

/// <summary>Sites built the way the product builds them: from bootstrap files.</summary>
public static class Sites
{
    public static BootstrapPlan Plan(string exampleFile)
    {
        var result = BootstrapPlanner.Plan(BootstrapExamples.Read(exampleFile));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Plan!;
    }

    /// <summary>The seed's AIO-DX IPv6 single-stack site, before its runtime session.</summary>
    public static SiteNetworks AioDxIpv6() => Plan(BootstrapExamples.AioDxIpv6).Networks;

    public static SiteNetworks AioSxIpv4() => Plan(BootstrapExamples.AioSxIpv4).Networks;

    /// <summary>The seed's runtime pools (system addrpool-add ...).</summary>
    public static readonly AddressPoolSpec OamIpv4 = new("oam-ipv4", "10.10.204.0", "24", "random", "10.10.204.1-10.10.204.253",
        "10.10.204.1", "10.10.204.2", "10.10.204.3", "10.10.204.254");

    public static readonly AddressPoolSpec ClusterPodIpv4 = new("cluster-pod-ipv4", "172.16.0.0", "16", "random", "172.16.0.1-172.16.254.254");

    public static readonly AddressPoolSpec ClusterServiceIpv4 = new("cluster-service-ipv4", "10.96.0.0", "12", "random", "10.96.0.1-10.96.254.254");

    public static readonly AddressPoolSpec ClusterHostIpv4 = new("cluster-host-ipv4", "171.168.204.0", "24", "random", "171.168.204.1-171.168.204.254",
        "171.168.204.1", "171.168.204.2", "171.168.204.3");
}
