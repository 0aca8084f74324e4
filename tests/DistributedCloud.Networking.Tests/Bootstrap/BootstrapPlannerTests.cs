using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Networking.Tests.Support;

namespace DistributedCloud.Networking.Tests.Bootstrap;

public sealed class BootstrapPlannerTests
{
    [Fact]
    public void Seed_bootstrap_example_builds_an_ipv6_primary_dual_stack_site()
    {
        var result = BootstrapPlanner.Plan(BootstrapExamples.Read(BootstrapExamples.SeedDualStack));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var plan = result.Plan!;
        Assert.Equal(IpFamily.IPv6, plan.PrimaryFamily);
        Assert.True(plan.KubernetesDualStack);
        var oam = plan.Networks.Network(NetworkType.Oam)!;
        Assert.Equal(["oam-ipv6", "oam-ipv4"], plan.Networks.PoolsOf(oam).Select(p => p.Name));
        Assert.Equal("fd00::3", plan.Networks.PoolsOf(oam)[0].FloatingAddress!.ToString());
        Assert.Equal("10.20.2.1", plan.Networks.PoolsOf(oam)[1].GatewayAddress!.ToString());
        Assert.False(plan.Networks.Network(NetworkType.Mgmt)!.IsDualStack);
        Assert.Equal(IpFamily.IPv4, plan.Networks.Network(NetworkType.Pxeboot)!.PrimaryFamily);
        var mgmtPool = plan.Networks.PoolsOf(plan.Networks.Network(NetworkType.Mgmt)!)[0];
        Assert.Equal("fd01::2-fd01::ffff", Assert.Single(mgmtPool.Ranges).ToString());
        Assert.Equal("fd01::2", mgmtPool.FloatingAddress!.ToString());
        Assert.Equal("fd01::3", mgmtPool.Controller0Address!.ToString());
        Assert.Equal("fd01::4", mgmtPool.Controller1Address!.ToString());
    }

    [Theory]
    [InlineData(BootstrapExamples.AioDxIpv6, IpFamily.IPv6, false)]
    [InlineData(BootstrapExamples.AioSxIpv4, IpFamily.IPv4, false)]
    [InlineData(BootstrapExamples.StandardIpv4Primary, IpFamily.IPv4, true)]
    public void Example_bootstrap_files_are_valid(string file, IpFamily primary, bool dualStack)
    {
        var result = BootstrapPlanner.Plan(BootstrapExamples.Read(file));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(primary, result.Plan!.PrimaryFamily);
        Assert.Equal(dualStack, result.Plan.KubernetesDualStack);
    }

    [Fact]
    public void Standard_site_gives_workers_mgmt_and_cluster_host_addresses_but_no_oam_N18()
    {
        var plan = BootstrapPlanner.Plan(BootstrapExamples.Read(BootstrapExamples.StandardIpv4Primary)).Plan!;

        var worker = plan.Hosts.Single(h => h.Host.Name == "worker-1");
        Assert.Null(worker.On(NetworkType.Oam));
        Assert.Null(worker.On(NetworkType.Admin));
        Assert.Equal([IpFamily.IPv4, IpFamily.IPv6], worker.On(NetworkType.ClusterHost)!.Addresses.Select(a => a.Family));
        var controller = plan.Hosts.Single(h => h.Host.Name == "controller-1");
        Assert.Equal("10.10.10.4/24", controller.On(NetworkType.Oam)!.Addresses[0].ToString());
        Assert.Equal(SystemMode.Standard, plan.Mode);
    }
}
