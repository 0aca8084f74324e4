using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Tests.Support;

namespace DistributedCloud.Site.Tests.Changes;

/// <summary>Network changes and their effects on hosts, alarms and Kubernetes (N-27..N-31, H-13, H-14).</summary>
public sealed class NetworkChangeTests
{
    private const string AioSxDualStackReady = """
        system_mode: simplex
        external_oam_subnet: 10.10.10.0/24
        external_oam_gateway_address: 10.10.10.1
        external_oam_floating_address: 10.10.10.2
        management_subnet: 192.168.204.0/24
        cluster_host_subnet: 192.168.206.0/24
        cluster_pod_subnet: 172.16.0.0/16
        cluster_service_subnet: 10.96.0.0/12
        """;

    [Fact]
    public async Task N29_oam_secondary_on_duplex_raises_one_major_alarm_per_controller_at_the_time_of_the_change()
    {
        await using var site = await TestSite.CreateAsync();
        site.Time.Advance(TimeSpan.FromMinutes(5));
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");

        var alarms = site.Manager.ListAlarms();
        Assert.Equal(["host=controller-0", "host=controller-1"], alarms.Select(a => a.EntityInstanceId).Order());
        Assert.All(alarms, a =>
        {
            Assert.Equal((AlarmIds.ConfigOutOfDate, AlarmSeverity.Major), (a.AlarmId, a.Severity));
            Assert.Equal(TestSite.Start.AddMinutes(5), a.RaisedAt);
            Assert.Contains("Lock and unlock", a.RepairAction, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task H14_N28_a_second_change_does_not_duplicate_the_alarm_and_the_new_target_keeps_reboot_required()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");
        var firstTarget = site.Host("controller-1").ConfigTarget;
        var raisedAt = site.Manager.ListAlarms().Select(a => a.RaisedAt).ToArray();

        // A cluster change is runtime on its own, but the controllers still wait for a reboot (N-28).
        site.Time.Advance(TimeSpan.FromMinutes(1));
        await site.Manager.AddPoolAsync(TestSite.ClusterServiceIpv4);
        var change = await site.Manager.AssignPoolAsync("cluster-service", "cluster-service-ipv4");

        Assert.Empty(change.Change.RuntimeAppliedHosts);
        var host = site.Host("controller-1");
        Assert.NotEqual(firstTarget, host.ConfigTarget);
        Assert.True(host.RebootRequired);
        Assert.Equal(2, site.Manager.ListAlarms().Count);
        Assert.Equal(raisedAt, site.Manager.ListAlarms().Select(a => a.RaisedAt).ToArray());
    }

    [Fact]
    public async Task N27_runtime_cluster_change_on_an_up_to_date_site_is_applied_at_once_without_alarm()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.ClusterServiceIpv4);
        var change = await site.Manager.AssignPoolAsync("cluster-service", "cluster-service-ipv4");
        Assert.Equal(["controller-0", "controller-1"], change.Change.RuntimeAppliedHosts);
        Assert.Empty(change.Change.OutOfDateHosts);
        Assert.Empty(site.Manager.ListAlarms());
        Assert.All(site.Manager.ListHosts(), h => Assert.Equal(change.Change.ConfigTarget, h.ConfigApplied));
    }

    [Fact]
    public async Task Oam_secondary_on_simplex_is_applied_at_runtime_without_alarm()
    {
        await using var site = await TestSite.CreateAsync(BootstrapExamples.AioSxIpv4);
        await site.Manager.AddPoolAsync(new("oam-ipv6", "fd00::", "64", FloatingAddress: "fd00::3", GatewayAddress: "fd00::1"));
        var change = await site.Manager.AssignPoolAsync("oam", "oam-ipv6");
        Assert.Equal(["controller-0"], change.Change.RuntimeAppliedHosts);
        Assert.Empty(site.Manager.ListAlarms());
        Assert.Empty(change.Change.HostSequence);
    }

    [Fact]
    public async Task N10_mgmt_secondary_on_simplex_only_while_locked_and_applied_on_unlock()
    {
        await using var site = await TestSite.CreateAsync(BootstrapExamples.AioSxIpv4);
        await site.Manager.AddPoolAsync(new("management-ipv6", "fd01::", "64", FloatingAddress: "fd01::2"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => site.Manager.AssignPoolAsync("mgmt", "management-ipv6"));
        Assert.Equal("N-10", refused.Errors[0].Rule);
        Assert.Contains("host-lock controller-0", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Single(site.Manager.ListNetworks().Single(n => n.Name == "mgmt").Pools);

        await site.LockAsync("controller-0");
        var change = await site.Manager.AssignPoolAsync("mgmt", "management-ipv6");
        Assert.Equal(["controller-0"], change.Change.OutOfDateHosts);
        Assert.Equal(["host-lock controller-0", "host-unlock controller-0"], change.Change.HostSequence);
        Assert.Single(site.Manager.ListAlarms());

        await site.UnlockAsync("controller-0");
        Assert.Empty(site.Manager.ListAlarms());
        Assert.False(site.Host("controller-0").ConfigOutOfDate);
        Assert.Equal(2, site.Manager.ListNetworks().Single(n => n.Name == "mgmt").Pools.Count);
    }

    [Fact]
    public async Task N27_the_kubernetes_switch_fires_once_each_way()
    {
        await using var site = await TestSite.CreateFromYamlAsync(AioSxDualStackReady);
        var manager = site.Manager;
        await manager.AddPoolAsync(new("oam-ipv6", "fd00::", "64", FloatingAddress: "fd00::3", GatewayAddress: "fd00::1"));
        await manager.AddPoolAsync(new("cluster-host-ipv6", "fd02::", "64", FloatingAddress: "fd02::2"));
        await manager.AddPoolAsync(new("cluster-pod-ipv6", "fd03::", "64"));
        await manager.AddPoolAsync(new("cluster-service-ipv6", "fd04::", "112"));
        var transitions = new List<KubernetesTransition>
        {
            (await manager.AssignPoolAsync("oam", "oam-ipv6")).Change.Kubernetes,
            (await manager.AssignPoolAsync("cluster-host", "cluster-host-ipv6")).Change.Kubernetes,
            (await manager.AssignPoolAsync("cluster-pod", "cluster-pod-ipv6")).Change.Kubernetes,
            (await manager.AssignPoolAsync("cluster-service", "cluster-service-ipv6")).Change.Kubernetes,
        };
        Assert.Equal([KubernetesTransition.None, KubernetesTransition.None, KubernetesTransition.None, KubernetesTransition.DualStackOn], transitions);

        // A pod started while dual-stack is listed when the switch goes off again.
        await manager.AddPodAsync("default/web-0");
        transitions.Clear();
        foreach (var pool in new[] { "cluster-host-ipv6", "cluster-pod-ipv6", "cluster-service-ipv6" })
        {
            var outcome = await manager.RemoveAssignmentAsync(site.AssignmentOf(pool));
            transitions.Add(outcome.Change.Kubernetes);
            if (outcome.Change.Kubernetes == KubernetesTransition.DualStackOff)
            {
                Assert.Equal(["default/web-0"], outcome.Change.PodsToRestart);
            }
        }

        Assert.Equal([KubernetesTransition.None, KubernetesTransition.None, KubernetesTransition.DualStackOff], transitions);

        // Restarted while single-stack, the pod has one address again.
        await manager.RestartPodAsync("default/web-0");
        Assert.False(manager.GetSite().Pods.Single().DualStack);

        // Re-adding two of three does not switch it on again; the third does, once.
        Assert.Equal(KubernetesTransition.None, (await manager.AssignPoolAsync("cluster-host", "cluster-host-ipv6")).Change.Kubernetes);
        Assert.Equal(KubernetesTransition.None, (await manager.AssignPoolAsync("cluster-pod", "cluster-pod-ipv6")).Change.Kubernetes);
        var on = await manager.AssignPoolAsync("cluster-service", "cluster-service-ipv6");
        Assert.Equal(KubernetesTransition.DualStackOn, on.Change.Kubernetes);
        Assert.Equal(["default/web-0"], on.Change.PodsToRestart);

        await manager.RestartPodAsync("default/web-0");
        Assert.True(manager.GetSite().Pods.Single().DualStack);
    }

    [Fact]
    public async Task N12_deleting_an_attached_secondary_pool_detaches_it_with_its_effect()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");
        await site.LockAsync("controller-1");
        await site.UnlockAsync("controller-1");

        var deleted = await site.Manager.DeletePoolAsync("oam-ipv4");
        Assert.NotNull(deleted.Change);
        Assert.Equal(["controller-0", "controller-1"], deleted.Change!.OutOfDateHosts);
        Assert.DoesNotContain(site.Manager.ListPools(), p => p.Name == "oam-ipv4");
        Assert.Equal(2, site.Manager.ListAlarms().Count);
    }

    [Fact]
    public async Task Addrpool_modify_of_a_simplex_oam_pool_is_rendered_into_the_host_network()
    {
        await using var site = await TestSite.CreateAsync(BootstrapExamples.AioSxIpv4);
        var outcome = await site.Manager.ModifyPoolAsync("oam-ipv4", new(FloatingAddress: "10.10.10.9"));
        Assert.NotNull(outcome.Change);
        Assert.Equal("10.10.10.9", outcome.Pool.FloatingAddress);
        Assert.Contains(outcome.Change!.Notices, n => n.StartsWith("changing pool 'oam-ipv4' of oam", StringComparison.Ordinal));
        var artifacts = site.Manager.ReadArtifacts()!;
        Assert.Equal(outcome.Change.Generation, artifacts.Generation);
        Assert.Contains("ip: 10.10.10.9", artifacts[Networking.Kubernetes.Config.KubernetesConfigRenderer.HostNetworkFile("controller-0")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_and_network_lists_match_the_seed_shapes()
    {
        await using var site = await TestSite.CreateAsync();
        var rows = site.Manager.ListNetworkPools();
        Assert.Equal(["cluster-host", "cluster-pod", "cluster-service", "mgmt", "multicast", "oam", "pxeboot"], rows.Select(r => r.NetworkName));
        Assert.All(rows, r => Assert.True(r.Primary));
        var pool = site.Manager.ShowPool("oam-ipv6");
        Assert.Equal(("fd00::", 64, "oam"), (pool.Network, pool.Prefix, pool.AttachedTo));
        var missing = Assert.Throws<DomainException>(() => site.Manager.ShowPool("nope"));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(AdministrativeState.Unlocked, site.Manager.ShowHost(site.Host("controller-1").Uuid.ToString()).Administrative);
    }
}
