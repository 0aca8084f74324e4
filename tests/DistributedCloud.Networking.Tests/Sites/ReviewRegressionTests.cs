using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Networking.Tests.Support;
using static DistributedCloud.Networking.Tests.Support.Assertions;
using Seed = DistributedCloud.Networking.Tests.Support.Sites;

namespace DistributedCloud.Networking.Tests.Sites;

/// <summary>Behaviours a review found missing; each test failed before its fix.</summary>
public sealed class ReviewRegressionTests
{
    private static string SeedWith(string key, string value) =>
        string.Join('\n', BootstrapExamples.Read(BootstrapExamples.SeedDualStack).Split('\n')
            .Select(l => l.StartsWith(key + ":", StringComparison.Ordinal) ? $"{key}: {value}" : l));

    [Theory]
    [InlineData("cluster_service_subnet", "aefd:aaa::/64,10.96.0.0/12", "K-8")]
    [InlineData("cluster_pod_subnet", "aefd:206::/32,172.16.0.0/16", "K-9")]
    [InlineData("cluster_pod_subnet", "aefd:206::/80,172.16.0.0/16", "K-9")]
    public void Validate_refuses_what_render_would_refuse_naming_the_bootstrap_key(string key, string value, string rule)
    {
        var result = BootstrapPlanner.Plan(SeedWith(key, value));
        Assert.False(result.IsValid);
        AssertHas(result.Errors, rule, key);
    }

    [Fact]
    public void Kubernetes_warnings_reach_the_bootstrap_plan()
    {
        var result = BootstrapPlanner.Plan(BootstrapExamples.Read(BootstrapExamples.SeedDualStack));
        Assert.Contains(result.Warnings, w => w.Contains("aefd:206::/64", StringComparison.Ordinal));
    }

    [Fact]
    public void Oam_secondary_cannot_go_while_kubernetes_is_dual_stack_and_off_fires_on_the_last_cluster_removal_N26_N27()
    {
        var site = Seed.Plan(BootstrapExamples.SeedDualStack).Networks;
        string Secondary(NetworkType type) => site.Network(type)!.Secondary!.Uuid.ToString();

        Assert.Equal(KubernetesTransition.None, site.RemoveAssignment(Secondary(NetworkType.ClusterPod), SiteConditions.Default).Kubernetes);
        Refused(() => site.RemoveAssignment(Secondary(NetworkType.Oam), SiteConditions.Default), "N-26", "uuid");
        Assert.True(site.KubernetesDualStack);
        Assert.Equal(KubernetesTransition.None, site.RemoveAssignment(Secondary(NetworkType.ClusterService), SiteConditions.Default).Kubernetes);
        Assert.Equal(KubernetesTransition.DualStackOff, site.RemoveAssignment(Secondary(NetworkType.ClusterHost), SiteConditions.Default).Kubernetes);
        Assert.Equal(KubernetesTransition.None, site.RemoveAssignment(Secondary(NetworkType.Oam), SiteConditions.Default).Kubernetes);
    }

    [Fact]
    public void Modify_cannot_turn_an_attached_unicast_pool_multicast_N4()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("admin-ipv6", "fd40::", "64", FloatingAddress: "fd40::2", Controller0Address: "fd40::3", Controller1Address: "fd40::4"));
        site.CreateNetwork(NetworkType.Admin, "admin-ipv6");
        var changes = new AddressPoolChanges(Network: "ff05::", Prefix: "120", FloatingAddress: "ff05::2", Controller0Address: "ff05::3", Controller1Address: "ff05::4");
        Refused(() => site.ModifyPool("admin-ipv6", changes, SiteConditions.Default), "N-4", "pool");
        Assert.Equal("fd40::/64", site.FindPool("admin-ipv6").Subnet.ToString());
    }

    [Fact]
    public void Classifier_copes_with_partial_host_lists()
    {
        var change = new NetworkChange(NetworkType.Mgmt, PoolChangeKind.Assign, Networking.Addressing.IpFamily.IPv6);
        var none = RuntimeChangeClassifier.Classify(SystemMode.Simplex, [], change, KubernetesTransition.None);
        Assert.Empty(none.HostSequence);
        var one = RuntimeChangeClassifier.Classify(SystemMode.Duplex, [new SiteHost("controller-0", HostRole.Controller)], change, KubernetesTransition.None, "controller-9");
        Assert.Equal(["host-lock controller-0", "host-unlock controller-0"], one.HostSequence);
        var unknownActive = RuntimeChangeClassifier.Classify(SystemMode.Duplex, SiteHost.ForMode(SystemMode.Duplex), change, KubernetesTransition.None, "controller-9");
        Assert.Equal("host-lock controller-1", unknownActive.HostSequence[0]);
    }

    [Fact]
    public void Primary_family_error_says_to_add_a_subnet_when_none_of_that_family_is_listed_N22()
    {
        var result = BootstrapPlanner.Plan(SeedWith("cluster_pod_subnet", "172.16.0.0/16"));
        var error = Assert.Single(result.Errors, e => e.Rule == "N-22");
        Assert.Contains("give an IPv6 subnet as the first entry", error.Message, StringComparison.Ordinal);
    }
}
