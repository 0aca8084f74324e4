using System.Net;
using DistributedCloud.Networking.Kubernetes.Cidrs;

namespace DistributedCloud.Networking.Tests.Kubernetes;

public sealed class PodIpRulesTests
{
    private static IPAddress[] Ips(params string[] texts) => texts.Select(IPAddress.Parse).ToArray();

    [Fact]
    public void K13_kubelet_orders_pod_ips_with_the_node_primary_family_first()
    {
        Assert.Equal(Ips("fd00::5", "10.0.0.5"), PodIpRules.Order(Ips("10.0.0.5", "fd00::5"), Ips("fd00::2", "10.0.0.2")));
        Assert.Equal(Ips("10.0.0.5", "fd00::5"), PodIpRules.Order(Ips("fd00::5", "10.0.0.5"), Ips("10.0.0.2")));
    }

    [Fact]
    public void K13_without_node_ips_the_kubelet_puts_ipv4_first_and_keeps_one_ip_per_family()
    {
        Assert.Equal(Ips("10.0.0.5", "fd00::5"), PodIpRules.Order(Ips("fd00::5", "fd00::6", "10.0.0.5", "10.0.0.6"), []));
    }

    [Fact]
    public void K13_pod_ip_equal_to_the_first_pod_ips_entry_with_one_ip_per_family_is_accepted()
    {
        Assert.Empty(PodIpRules.Validate("fd00::5", ["fd00::5", "10.0.0.5"]));
    }

    [Fact]
    public void K13_pod_ip_differing_from_pod_ips_zero_is_rejected()
    {
        var error = Assert.Single(PodIpRules.Validate("10.0.0.5", ["fd00::5", "10.0.0.5"]));
        Assert.Equal(("K-13", "status.podIP"), (error.Rule, error.Field));
    }

    [Fact]
    public void K13_two_pod_ips_of_one_family_are_rejected()
    {
        var error = Assert.Single(PodIpRules.Validate("10.0.0.5", ["10.0.0.5", "10.0.0.6"]));
        Assert.Equal(("K-13", "status.podIPs"), (error.Rule, error.Field));
    }

    [Fact]
    public void K13_three_pod_ips_and_an_unparsable_one_are_all_reported()
    {
        var errors = PodIpRules.Validate("10.0.0.5", ["10.0.0.5", "fd00::5", "bogus"]);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("K-13", e.Rule));
    }
}
