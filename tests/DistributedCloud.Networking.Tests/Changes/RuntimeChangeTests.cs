using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;
using Seed = DistributedCloud.Networking.Tests.Support.Sites;

namespace DistributedCloud.Networking.Tests.Changes;

public sealed class RuntimeChangeTests
{
    private static readonly IReadOnlyList<SiteHost> Duplex = SiteHost.ForMode(SystemMode.Duplex);

    [Fact]
    public void Seed_session_oam_secondary_on_duplex_puts_both_controllers_out_of_date_until_the_lock_unlock_swact_sequence_N28_N29_N30()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        var effect = site.AssignPool("oam", "oam-ipv4", SiteConditions.Default).Effect(SystemMode.Duplex, Duplex);

        Assert.Empty(effect.RuntimeApplyHosts);
        Assert.Equal(["controller-0", "controller-1"], effect.RebootRequiredHosts);
        Assert.Equal(KubernetesTransition.None, effect.Kubernetes);
        Assert.Equal(
            ["host-lock controller-1", "host-unlock controller-1", "host-swact controller-0", "host-lock controller-0", "host-unlock controller-0", "host-swact controller-1"],
            effect.HostSequence);
    }

    [Fact]
    public void Seed_session_dual_stack_turns_on_exactly_once_on_the_third_cluster_pool_N27()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", SiteConditions.Default);
        site.AddPool(Seed.ClusterPodIpv4);
        site.AddPool(Seed.ClusterServiceIpv4);
        site.AddPool(Seed.ClusterHostIpv4);

        var transitions = new[] { ("cluster-service", "cluster-service-ipv4"), ("cluster-pod", "cluster-pod-ipv4"), ("cluster-host", "cluster-host-ipv4") }
            .Select(a => site.AssignPool(a.Item1, a.Item2, SiteConditions.Default).Effect(SystemMode.Duplex, Duplex))
            .ToArray();

        Assert.Equal([KubernetesTransition.None, KubernetesTransition.None, KubernetesTransition.DualStackOn], transitions.Select(t => t.Kubernetes));
        Assert.All(transitions, t => Assert.Empty(t.RebootRequiredHosts));
        Assert.All(transitions, t => Assert.Equal(["controller-0", "controller-1"], t.RuntimeApplyHosts));
        Assert.Equal(["kube-apiserver", "kube-controller-manager"], transitions[2].RestartedComponents);
        Assert.Contains(transitions[2].Notices, n => n.Contains("pods that already exist keep a single address", StringComparison.Ordinal));
        Assert.True(site.KubernetesDualStack);
    }

    [Fact]
    public void Seed_revert_turns_dual_stack_off_exactly_once_on_the_last_removal_N31()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", SiteConditions.Default);
        foreach (var (network, spec) in new[] { ("cluster-service", Seed.ClusterServiceIpv4), ("cluster-pod", Seed.ClusterPodIpv4), ("cluster-host", Seed.ClusterHostIpv4) })
        {
            site.AddPool(spec);
            site.AssignPool(network, spec.Name, SiteConditions.Default);
        }

        // The seed's revert: awk picks the uuid of each row by pool name, in this order.
        var removals = new[] { "cluster-pod-ipv4", "cluster-service-ipv4", "cluster-host-ipv4" }
            .Select(pool => site.AssignmentRows().Single(r => r.Pool.Name == pool).Assignment.Uuid.ToString())
            .Select(uuid => site.RemoveAssignment(uuid, SiteConditions.Default).Kubernetes)
            .ToArray();

        Assert.Equal([KubernetesTransition.None, KubernetesTransition.None, KubernetesTransition.DualStackOff], removals);
        Assert.False(site.KubernetesDualStack);
        Assert.True(site.Network(NetworkType.Oam)!.IsDualStack);
    }

    [Fact]
    public void Oam_secondary_on_simplex_is_applied_at_runtime_without_reboot()
    {
        var site = Seed.AioSxIpv4();
        site.AddPool(new("oam-ipv6", "fd00::", "64", FloatingAddress: "fd00::2"));
        var effect = site.AssignPool("oam", "oam-ipv6", SiteConditions.Default).Effect(SystemMode.Simplex, SiteHost.ForMode(SystemMode.Simplex));
        Assert.Equal(["controller-0"], effect.RuntimeApplyHosts);
        Assert.Empty(effect.RebootRequiredHosts);
        Assert.Empty(effect.HostSequence);
    }

    [Fact]
    public void Mgmt_secondary_on_simplex_needs_the_controller_locked_and_applies_on_unlock()
    {
        var site = Seed.AioSxIpv4();
        site.AddPool(new("management-ipv6", "fd01::", "64", FloatingAddress: "fd01::2", Controller0Address: "fd01::3"));
        var ex = Assert.Throws<Errors.DomainException>(() => site.AssignPool("mgmt", "management-ipv6", SiteConditions.Default));
        Assert.Equal("N-10", ex.Errors[0].Rule);

        var effect = site.AssignPool("mgmt", "management-ipv6", new SiteConditions(SimplexControllerLocked: true))
            .Effect(SystemMode.Simplex, SiteHost.ForMode(SystemMode.Simplex));
        Assert.Empty(effect.RuntimeApplyHosts);
        Assert.Equal(["controller-0"], effect.RebootRequiredHosts);
        Assert.Contains(effect.Notices, n => n.Contains("applied when controller-0 is unlocked", StringComparison.Ordinal));
    }

    [Fact]
    public void Mgmt_secondary_on_standard_applies_at_runtime_then_every_host_needs_a_lock_unlock()
    {
        var hosts = SiteHost.ForMode(SystemMode.Standard, workers: 2);
        var effect = RuntimeChangeClassifier.Classify(SystemMode.Standard, hosts,
            new NetworkChange(NetworkType.Mgmt, PoolChangeKind.Assign, IpFamily.IPv6), KubernetesTransition.None);
        Assert.Equal(hosts.Select(h => h.Name), effect.RuntimeApplyHosts);
        Assert.Equal(hosts.Select(h => h.Name), effect.RebootRequiredHosts);
        Assert.Equal(["host-lock worker-0", "host-unlock worker-0", "host-lock worker-1", "host-unlock worker-1"], effect.HostSequence.TakeLast(4));
        Assert.Equal("host-lock controller-1", effect.HostSequence[0]);
    }

    [Fact]
    public void Oam_change_touches_controllers_only_N18()
    {
        var hosts = SiteHost.ForMode(SystemMode.Standard, workers: 3);
        var effect = RuntimeChangeClassifier.Classify(SystemMode.Standard, hosts,
            new NetworkChange(NetworkType.Oam, PoolChangeKind.Remove, IpFamily.IPv4), KubernetesTransition.None);
        Assert.Equal(["controller-0", "controller-1"], effect.RebootRequiredHosts);
        Assert.DoesNotContain(effect.HostSequence, s => s.Contains("worker", StringComparison.Ordinal));
    }

    [Fact]
    public void When_controller_1_is_active_the_sequence_starts_with_controller_0_N30()
    {
        var sequence = RuntimeChangeClassifier.HostSequence(SystemMode.Duplex, Duplex, ["controller-0", "controller-1"], "controller-1");
        Assert.Equal(["host-lock controller-0", "host-unlock controller-0", "host-swact controller-1", "host-lock controller-1", "host-unlock controller-1", "host-swact controller-0"], sequence);
    }

    [Theory]
    [InlineData(NetworkType.Storage)]
    [InlineData(NetworkType.ClusterHost)]
    [InlineData(NetworkType.ClusterService)]
    public void Storage_and_cluster_changes_are_runtime_only_on_every_mode(NetworkType network)
    {
        foreach (var mode in Enum.GetValues<SystemMode>())
        {
            var hosts = SiteHost.ForMode(mode, workers: 1);
            var effect = RuntimeChangeClassifier.Classify(mode, hosts, new NetworkChange(network, PoolChangeKind.Assign, IpFamily.IPv4), KubernetesTransition.None);
            Assert.Empty(effect.RebootRequiredHosts);
            Assert.Equal(hosts.Count, effect.RuntimeApplyHosts.Count);
        }
    }
}
