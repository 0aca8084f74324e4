using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Tests.Support;

namespace DistributedCloud.Site.Tests.Scenarios;

/// <summary>
/// Seed 002's runtime session, command for command, on the IPv6 AIO-DX example: the oam-ipv4 pool and its
/// assignment, the lock/unlock/swact sequence, the cluster pools, then the revert.
/// </summary>
public sealed class SeedRuntimeSessionTests
{
    [Fact]
    public async Task Seed_session_step_by_step_on_the_ipv6_aio_dx_site()
    {
        await using var site = await TestSite.CreateAsync();
        var manager = site.Manager;

        // The starting point: seed 002's network-list, IPv6 everywhere but pxeboot; no alarm.
        var networks = manager.ListNetworks().ToDictionary(n => n.Name);
        Assert.Equal(IpFamily.IPv4, networks["pxeboot"].PrimaryPoolFamily);
        Assert.All(new[] { "mgmt", "oam", "multicast", "cluster-host", "cluster-pod", "cluster-service" },
            n => Assert.Equal(IpFamily.IPv6, networks[n].PrimaryPoolFamily));
        Assert.Empty(manager.ListAlarms());
        Assert.Equal(ControllerRole.Active, site.Host("controller-0").Role);
        var initial = manager.ReadArtifacts()!;
        Assert.Equal(1, initial.Generation);
        Assert.Contains("serviceSubnet: fd04::/112\n", initial[KubernetesConfigRenderer.KubeadmConfigFile], StringComparison.Ordinal);

        // system addrpool-add oam-ipv4 ... ; system network-addrpool-assign oam oam-ipv4
        await manager.AddPoolAsync(TestSite.OamIpv4);
        var oam = await manager.AssignPoolAsync("oam", "oam-ipv4");
        Assert.Equal(["controller-0", "controller-1"], oam.Change.OutOfDateHosts);
        Assert.Empty(oam.Change.RuntimeAppliedHosts);
        Assert.Equal(
            ["host-lock controller-1", "host-unlock controller-1", "host-swact controller-0", "host-lock controller-0", "host-unlock controller-0", "host-swact controller-1"],
            oam.Change.HostSequence);
        AssertConfigAlarms(site, "controller-0", "controller-1");
        Assert.All(manager.ListHosts(), h => Assert.True(h.ConfigOutOfDate && h.RebootRequired));

        // The N-30 sequence, exactly as the seed runs it.
        await site.LockAsync("controller-1");
        Assert.Equal(AdministrativeState.Locked, site.Host("controller-1").Administrative);
        await site.UnlockAsync("controller-1");
        AssertConfigAlarms(site, "controller-0");
        Assert.False(site.Host("controller-1").ConfigOutOfDate);

        await site.SwactAsync("controller-0");
        Assert.Equal(ControllerRole.Active, site.Host("controller-1").Role);
        Assert.Equal(ControllerRole.Standby, site.Host("controller-0").Role);

        await site.LockAsync("controller-0");
        await site.UnlockAsync("controller-0");
        Assert.Empty(manager.ListAlarms());

        var back = await site.SwactAsync("controller-1");
        Assert.Equal(OperationState.Succeeded, back.State);
        Assert.Equal(ControllerRole.Active, site.Host("controller-0").Role);
        Assert.All(manager.ListHosts(), h => Assert.Equal(
            (AdministrativeState.Unlocked, OperationalState.Enabled, Availability.Available, false),
            (h.Administrative, h.Operational, h.Availability, h.ConfigOutOfDate)));

        // A pod that exists before the switch keeps a single address until restarted (N-27).
        await manager.AddPodAsync("default/dualstackpod-7f9d746fc4-6k55x");

        // The cluster pools, assigned in the seed's order: only the third turns Kubernetes dual-stack.
        await manager.AddPoolAsync(TestSite.ClusterPodIpv4);
        await manager.AddPoolAsync(TestSite.ClusterServiceIpv4);
        await manager.AddPoolAsync(TestSite.ClusterHostIpv4);
        var service = await manager.AssignPoolAsync("cluster-service", "cluster-service-ipv4");
        var pod = await manager.AssignPoolAsync("cluster-pod", "cluster-pod-ipv4");
        Assert.Equal(KubernetesTransition.None, service.Change.Kubernetes);
        Assert.Equal(KubernetesTransition.None, pod.Change.Kubernetes);
        Assert.False(manager.GetSite().KubernetesDualStack);
        var host = await manager.AssignPoolAsync("cluster-host", "cluster-host-ipv4");
        Assert.Equal(KubernetesTransition.DualStackOn, host.Change.Kubernetes);
        Assert.Equal(["kube-apiserver", "kube-controller-manager"], host.Change.Effect.RestartedComponents);
        Assert.Equal(["default/dualstackpod-7f9d746fc4-6k55x"], host.Change.PodsToRestart);
        Assert.Contains(host.Change.Notices, n => n.Contains("default/dualstackpod-7f9d746fc4-6k55x", StringComparison.Ordinal));
        Assert.Empty(manager.ListAlarms());
        Assert.True(manager.GetSite().KubernetesDualStack);

        // Rendered dual-stack, IPv6 first everywhere (K-1..K-6), and exactly what the model renders.
        var dual = manager.ReadArtifacts()!;
        Assert.Equal(manager.GetSite().ConfigGeneration, dual.Generation);
        var kubeadm = dual[KubernetesConfigRenderer.KubeadmConfigFile];
        Assert.Contains("serviceSubnet: fd04::/112,10.96.0.0/12\n", kubeadm, StringComparison.Ordinal);
        Assert.Contains("podSubnet: fd03::/64,172.16.0.0/16\n", kubeadm, StringComparison.Ordinal);
        Assert.Contains("clusterCIDR: fd03::/64,172.16.0.0/16\n", kubeadm, StringComparison.Ordinal);
        Assert.Equal($"KUBELET_EXTRA_ARGS=--node-ip={site.Host("controller-1").Addresses.Single(a => a.Network == Networking.Networks.NetworkType.ClusterHost).Addresses[0].Address},171.168.204.3\n",
            dual[KubernetesConfigRenderer.KubeletEnvironmentFile("controller-1")]);
        Assert.Contains("\"assign_ipv4\": \"true\"", dual[KubernetesConfigRenderer.CalicoIpamFile], StringComparison.Ordinal);
        Assert.Contains("\"assign_ipv6\": \"true\"", dual[KubernetesConfigRenderer.CalicoIpamFile], StringComparison.Ordinal);
        Assert.Contains("cidr: 172.16.0.0/16", dual[KubernetesConfigRenderer.CalicoIpPoolsFile], StringComparison.Ordinal);
        var network = dual[KubernetesConfigRenderer.HostNetworkFile("controller-0")];
        Assert.Contains("ip: 10.10.204.2", network, StringComparison.Ordinal);
        Assert.Contains("next-hop-address: 10.10.204.254", network, StringComparison.Ordinal);
        Assert.Equal(await manager.RenderAsync(), dual.Documents);

        // The revert with the seed's awk: the uuid in column 2 of the row whose addrpool_name is the pool.
        var removed = new List<KubernetesTransition>();
        foreach (var name in new[] { "cluster-pod-ipv4", "cluster-service-ipv4", "cluster-host-ipv4" })
        {
            var outcome = await manager.RemoveAssignmentAsync(site.AssignmentOf(name));
            removed.Add(outcome.Change.Kubernetes);
        }

        Assert.Equal([KubernetesTransition.None, KubernetesTransition.None, KubernetesTransition.DualStackOff], removed);
        Assert.False(manager.GetSite().KubernetesDualStack);
        var single = manager.ReadArtifacts()!;
        Assert.Contains("serviceSubnet: fd04::/112\n", single[KubernetesConfigRenderer.KubeadmConfigFile], StringComparison.Ordinal);
        Assert.Contains("clusterCIDR: fd03::/64\n", single[KubernetesConfigRenderer.KubeadmConfigFile], StringComparison.Ordinal);
        Assert.Contains("\"assign_ipv4\": \"false\"", single[KubernetesConfigRenderer.CalicoIpamFile], StringComparison.Ordinal);
        Assert.DoesNotContain("171.168.204", single[KubernetesConfigRenderer.KubeletEnvironmentFile("controller-0")], StringComparison.Ordinal);
        Assert.Equal(await manager.RenderAsync(), single.Documents);
        Assert.Empty(manager.ListAlarms());
    }

    private static void AssertConfigAlarms(TestSite site, params string[] hosts)
    {
        var alarms = site.Manager.ListAlarms();
        Assert.Equal(hosts.Select(h => $"host={h}").Order(), alarms.Select(a => a.EntityInstanceId).Order());
        Assert.All(alarms, a =>
        {
            Assert.Equal(AlarmIds.ConfigOutOfDate, a.AlarmId);
            Assert.Equal(AlarmSeverity.Major, a.Severity);
            Assert.Equal(TestSite.Start, a.RaisedAt);
        });
    }
}
