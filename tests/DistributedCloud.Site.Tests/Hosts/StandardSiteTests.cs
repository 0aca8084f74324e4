using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Tests.Support;

namespace DistributedCloud.Site.Tests.Hosts;

/// <summary>A standard site: workers from worker_count, H-4 for the last worker, mgmt changes reach every host.</summary>
public sealed class StandardSiteTests
{
    private const string Standard = "bootstrap-standard-ipv4-primary-dual-stack.yaml";

    [Fact]
    public async Task A_standard_site_has_two_controllers_and_its_workers_with_their_own_addresses()
    {
        await using var site = await TestSite.CreateAsync(Standard);
        var hosts = site.Manager.ListHosts();
        Assert.Equal(["controller-0", "controller-1", "worker-0", "worker-1"], hosts.Select(h => h.Hostname));
        Assert.Equal([ControllerRole.Active, ControllerRole.Standby, ControllerRole.None, ControllerRole.None], hosts.Select(h => h.Role));
        var workerMgmt = hosts.Where(h => h.Personality == HostRole.Worker)
            .Select(h => h.Addresses.Single(a => a.Network == Networking.Networks.NetworkType.Mgmt).Addresses.Count).ToArray();
        Assert.Equal([2, 2], workerMgmt);
        Assert.DoesNotContain(hosts.Single(h => h.Hostname == "worker-0").Addresses, a => a.Network == Networking.Networks.NetworkType.Oam);
        Assert.Contains("--node-ip=192.168.206.", site.Manager.ReadArtifacts()![KubernetesConfigRenderer.KubeletEnvironmentFile("worker-1")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task H4_the_last_worker_in_service_is_locked_only_with_force()
    {
        await using var site = await TestSite.CreateAsync(Standard);
        await site.LockAsync("worker-0");
        var error = await Assert.ThrowsAsync<DomainException>(() => site.Manager.LockHostAsync("worker-1"));
        Assert.Equal("H-4", error.Errors[0].Rule);
        Assert.Contains("worker", error.Errors[0].Message, StringComparison.Ordinal);
        await site.LockAsync("worker-1", force: true);
        Assert.Equal(AdministrativeState.Locked, site.Host("worker-1").Administrative);
    }

    [Fact]
    public async Task Mgmt_change_on_standard_puts_every_host_out_of_date_and_the_sequence_ends_with_the_workers()
    {
        await using var site = await TestSite.CreateAsync(Standard);
        var secondary = site.Manager.ListNetworkPools().Single(r => r.NetworkName == "mgmt" && !r.Primary);
        var change = await site.Manager.RemoveAssignmentAsync(secondary.Uuid.ToString());
        Assert.Equal(["controller-0", "controller-1", "worker-0", "worker-1"], change.Change.OutOfDateHosts);
        Assert.Equal(4, site.Manager.ListAlarms().Count);
        Assert.Equal(["host-lock worker-0", "host-unlock worker-0", "host-lock worker-1", "host-unlock worker-1"], change.Change.HostSequence.TakeLast(4));
    }
}
