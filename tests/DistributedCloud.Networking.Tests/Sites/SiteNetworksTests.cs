using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;
using static DistributedCloud.Networking.Tests.Support.Assertions;
using Seed = DistributedCloud.Networking.Tests.Support.Sites;

namespace DistributedCloud.Networking.Tests.Sites;

public sealed class SiteNetworksTests
{
    private static readonly SiteConditions Unlocked = SiteConditions.Default;
    private static readonly SiteConditions Locked = new(SimplexControllerLocked: true);

    [Fact]
    public void Two_pools_may_overlap_while_unattached_N8()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("a", "10.50.0.0", "24"));
        site.AddPool(new AddressPoolSpec("b", "10.50.0.0", "25"));
        Assert.Equal(2, site.Pools.Count(p => p.Name is "a" or "b"));
    }

    [Fact]
    public void A_pool_name_is_unique_N4()
    {
        var site = Seed.AioDxIpv6();
        var ex = Assert.Throws<DomainException>(() => site.AddPool(new AddressPoolSpec("oam-ipv6", "10.50.0.0", "24")));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        AssertHas(ex.Errors, "N-4", "name");
    }

    [Fact]
    public void Assigning_second_pool_of_same_family_is_rejected_naming_the_attached_pool_N14()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("oam-extra-ipv6", "fd99::", "64", FloatingAddress: "fd99::2", Controller0Address: "fd99::3", Controller1Address: "fd99::4"));
        var errors = Refused(() => site.AssignPool("oam", "oam-extra-ipv6", Unlocked), "N-14", "pool");
        Assert.Contains("oam-ipv6", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_pool_is_rejected_N14()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", Unlocked);
        site.AddPool(new AddressPoolSpec("oam-more", "10.10.205.0", "24", FloatingAddress: "10.10.205.2", Controller0Address: "10.10.205.3", Controller1Address: "10.10.205.4"));
        var errors = Refused(() => site.AssignPool("oam", "oam-more", Unlocked), "N-14", "pool");
        Assert.Contains("'oam-ipv6' (IPv6) and 'oam-ipv4' (IPv4)", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_attached_to_another_network_is_rejected_N14()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", Unlocked);
        var errors = Refused(() => site.AssignPool("mgmt", "oam-ipv4", Unlocked), "N-14", "pool");
        Assert.Contains("already attached to network 'oam'", string.Join("\n", errors), StringComparison.Ordinal);
    }

    [Fact]
    public void One_network_per_type_and_the_first_pool_is_primary_N13()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("storage-ipv6", "fd10::", "64"));
        var storage = site.CreateNetwork(NetworkType.Storage, "storage-ipv6");
        Assert.Equal(IpFamily.IPv6, storage.PrimaryFamily);
        Assert.True(storage.Assignments[0].IsPrimary);
        site.AddPool(new AddressPoolSpec("storage-2", "fd11::", "64"));
        Refused(() => site.CreateNetwork(NetworkType.Storage, "storage-2"), "N-13", "network");
    }

    [Fact]
    public void System_controller_networks_exist_only_on_a_system_controller_N13()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("sc-oam", "fd00::", "64", FloatingAddress: "fd00::3"));
        Refused(() => site.CreateNetwork(NetworkType.SystemControllerOam, "sc-oam"), "N-13", "network");
    }

    [Fact]
    public void A_new_network_first_pool_must_be_of_the_site_primary_family_N22()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("storage-ipv4", "10.60.0.0", "24"));
        Refused(() => site.CreateNetwork(NetworkType.Storage, "storage-ipv4"), "N-22", "pool");
    }

    [Fact]
    public void The_primary_pool_is_never_removed_N15()
    {
        var site = Seed.AioDxIpv6();
        var primary = site.AssignmentRows().First(r => r.Network.Type == NetworkType.Oam);
        var errors = Refused(() => site.RemoveAssignment(primary.Assignment.Uuid.ToString(), Unlocked), "N-15", "uuid");
        Assert.Contains("reinstall", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_secondary_turns_the_network_single_stack_again_N15()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        var assigned = site.AssignPool("oam", "oam-ipv4", Unlocked);
        Assert.True(site.Network(NetworkType.Oam)!.IsDualStack);
        site.RemoveAssignment(assigned.Assignment.Uuid.ToString(), Unlocked);
        Assert.False(site.Network(NetworkType.Oam)!.IsDualStack);
        Assert.Equal(IpFamily.IPv6, site.Network(NetworkType.Oam)!.PrimaryFamily);
    }

    [Fact]
    public void Pxeboot_takes_ipv4_only_and_is_frozen_once_configured_N16()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("pxe-v6", "fd20::", "64", FloatingAddress: "fd20::2", Controller0Address: "fd20::3", Controller1Address: "fd20::4"));
        var errors = Refused(() => site.AssignPool("pxeboot", "pxe-v6", Unlocked), "N-16", "network");
        Assert.Contains(errors, e => e.Rule == "N-16" && e.Field == "pool");
    }

    [Fact]
    public void Cluster_pod_family_needs_the_same_oam_family_first_N17()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.ClusterPodIpv4);
        var errors = Refused(() => site.AssignPool("cluster-pod", "cluster-pod-ipv4", Unlocked), "N-17", "pool");
        Assert.Contains("assign one to oam first", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oam_family_cannot_be_removed_while_cluster_pod_still_has_it_N17()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        var oam = site.AssignPool("oam", "oam-ipv4", Unlocked);
        site.AddPool(Seed.ClusterPodIpv4);
        site.AssignPool("cluster-pod", "cluster-pod-ipv4", Unlocked);
        Refused(() => site.RemoveAssignment(oam.Assignment.Uuid.ToString(), Unlocked), "N-17", "uuid");
        Assert.True(site.Network(NetworkType.Oam)!.IsDualStack);
    }

    [Fact]
    public void Network_addrpool_rows_are_by_network_name_with_the_primary_first_N19()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", Unlocked);
        var rows = site.AssignmentRows();
        Assert.Equal(["cluster-host", "cluster-pod", "cluster-service", "mgmt", "multicast", "oam", "oam", "pxeboot"], rows.Select(r => r.Network.Name));
        Assert.Equal(["oam-ipv6", "oam-ipv4"], rows.Where(r => r.Network.Name == "oam").Select(r => r.Pool.Name));
    }

    [Fact]
    public void Attached_pools_may_not_overlap_and_the_error_names_pool_and_network_N20()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("storage-ipv6", "fd01::", "64"));
        var errors = Refused(() => site.CreateNetwork(NetworkType.Storage, "storage-ipv6"), "N-20", "network");
        Assert.Contains("'management-ipv6' (fd01::/64) of network 'mgmt'", errors[0].Message, StringComparison.Ordinal);
        Assert.Null(site.Network(NetworkType.Storage));
    }

    [Fact]
    public void Cluster_networks_may_overlap_each_other_N20()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", Unlocked);
        site.AddPool(new AddressPoolSpec("pod-v4", "10.96.0.0", "16"));
        site.AddPool(new AddressPoolSpec("svc-v4", "10.96.0.0", "12"));
        site.AssignPool("cluster-pod", "pod-v4", Unlocked);
        site.AssignPool("cluster-service", "svc-v4", Unlocked);
        Assert.True(site.Network(NetworkType.ClusterService)!.IsDualStack);
    }

    [Fact]
    public void Oam_may_overlap_system_controller_oam_on_a_system_controller_N20()
    {
        var result = DistributedCloud.Networking.Bootstrap.BootstrapPlanner.Plan(BootstrapExamples.Read(BootstrapExamples.AioDxIpv6), isSystemController: true);
        var site = result.Plan!.Networks;
        site.AddPool(new AddressPoolSpec("sc-oam", "fd00::", "64", FloatingAddress: "fd00::3"));
        var network = site.CreateNetwork(NetworkType.SystemControllerOam, "sc-oam");
        Assert.Equal(NetworkType.SystemControllerOam, network.Type);
    }

    [Fact]
    public void Oam_pool_needs_floating_and_both_controller_addresses_on_duplex_N11()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("oam-v4", "10.10.204.0", "24", FloatingAddress: "10.10.204.1"));
        var errors = Refused(() => site.AssignPool("oam", "oam-v4", Unlocked), "N-11", "controller0_address");
        AssertHas(errors, "N-11", "controller1_address");
    }

    [Fact]
    public void Oam_pool_needs_only_a_floating_address_on_simplex_N11()
    {
        var site = Seed.AioSxIpv4();
        site.AddPool(new AddressPoolSpec("oam-v6", "fd00::", "64", FloatingAddress: "fd00::2"));
        Assert.True(site.AssignPool("oam", "oam-v6", Unlocked).Network.IsDualStack);
    }

    [Fact]
    public void Modify_that_drops_the_floating_address_of_an_attached_oam_pool_is_rejected_N11()
    {
        var site = Seed.AioDxIpv6();
        Refused(() => site.ModifyPool("oam-ipv6", new AddressPoolChanges(FloatingAddress: string.Empty), Unlocked), "N-11", "floating_address");
        Assert.Equal("fd00::3", site.FindPool("oam-ipv6").FloatingAddress!.ToString());
    }

    [Fact]
    public void Cluster_pools_are_read_only_once_configured_N10()
    {
        var site = Seed.AioDxIpv6();
        Refused(() => site.ModifyPool("cluster-pod-subnet-ipv6", new AddressPoolChanges(Order: "sequential"), Unlocked), "N-10", "pool");
    }

    [Fact]
    public void Oam_pool_is_writable_except_during_an_upgrade_N10()
    {
        var site = Seed.AioDxIpv6();
        Refused(() => site.ModifyPool("oam-ipv6", new AddressPoolChanges(GatewayAddress: "fd00::2"), new SiteConditions(UpgradeInProgress: true)), "N-10", "pool");
        var pool = site.ModifyPool("oam-ipv6", new AddressPoolChanges(GatewayAddress: "fd00::2"), Unlocked);
        Assert.Equal("fd00::2", pool.GatewayAddress!.ToString());
    }

    [Fact]
    public void Mgmt_pool_changes_on_simplex_only_while_the_controller_is_locked_N10()
    {
        var site = Seed.AioSxIpv4();
        var changes = new AddressPoolChanges(GatewayAddress: "192.168.204.254");
        Refused(() => site.ModifyPool("management-ipv4", changes, Unlocked), "N-10", "network");
        Assert.Equal("192.168.204.254", site.ModifyPool("management-ipv4", changes, Locked).GatewayAddress!.ToString());
        Refused(() => Seed.AioDxIpv6().ModifyPool("management-ipv6", new AddressPoolChanges(GatewayAddress: "fd01::1"), Unlocked), "N-10", "pool");
    }

    [Fact]
    public void Modify_never_changes_a_pool_family_N10()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("loose", "fd30::", "64"));
        Refused(() => site.ModifyPool("loose", new AddressPoolChanges(Network: "10.1.0.0", Prefix: "24"), Unlocked), "N-10", "network");
        Assert.Equal("fd30::/64", site.FindPool("loose").Subnet.ToString());
    }

    [Fact]
    public void A_primary_pool_cannot_be_deleted_N12()
    {
        var site = Seed.AioDxIpv6();
        Refused(() => site.DeletePool("oam-ipv6", Unlocked), "N-12", "pool");
        Assert.Contains(site.Pools, p => p.Name == "oam-ipv6");
    }

    [Fact]
    public void Deleting_the_admin_primary_deletes_the_admin_network_N12()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(new AddressPoolSpec("admin-ipv6", "fd40::", "64", FloatingAddress: "fd40::2", Controller0Address: "fd40::3", Controller1Address: "fd40::4"));
        site.CreateNetwork(NetworkType.Admin, "admin-ipv6");
        var deletion = site.DeletePool("admin-ipv6", Unlocked);
        Assert.Equal(NetworkType.Admin, deletion.DeletedNetwork!.Type);
        Assert.Null(site.Network(NetworkType.Admin));
    }

    [Fact]
    public void Deleting_a_secondary_pool_detaches_it_first_N12()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.OamIpv4);
        site.AssignPool("oam", "oam-ipv4", Unlocked);
        var deletion = site.DeletePool("oam-ipv4", Unlocked);
        Assert.NotNull(deletion.Detached);
        Assert.False(site.Network(NetworkType.Oam)!.IsDualStack);
        Assert.DoesNotContain(site.Pools, p => p.Name == "oam-ipv4");
    }

    [Fact]
    public void A_refused_assignment_changes_nothing_N33()
    {
        var site = Seed.AioDxIpv6();
        site.AddPool(Seed.ClusterPodIpv4);
        var before = site.AssignmentRows().Select(r => r.Assignment.Uuid).ToArray();
        Assert.Throws<DomainException>(() => site.AssignPool("cluster-pod", "cluster-pod-ipv4", Unlocked));
        Assert.Equal(before, site.AssignmentRows().Select(r => r.Assignment.Uuid));
        Assert.False(site.KubernetesDualStack);
    }

    [Fact]
    public void Unknown_names_are_not_found_errors()
    {
        var site = Seed.AioDxIpv6();
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => site.FindPool("nope")).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => site.FindNetwork("nope")).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => site.FindAssignment(Guid.NewGuid().ToString())).Kind);
    }
}
