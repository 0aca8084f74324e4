using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;

namespace DistributedCloud.Controller.Tests.Strategies;

/// <summary>D-12..D-14: the plan of a network-mode strategy, to dual-stack and back, per system mode.</summary>
public sealed class NetworkModePlannerTests
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    private static Subcloud Ready(string name, int n, string mode = "simplex") => Fleet.Ready(Fleet.Admit(name, Fleet.Ipv6(n, mode), Fleet.Agent6(n)));

    private static Strategy Plan(StrategyParameters parameters, params Subcloud[] subclouds) =>
        NetworkModePlanner.Create(Id, parameters, subclouds, Fleet.Groups, Fleet.Start);

    private static StrategyParameters ToDualStack(string yaml = Fleet.SecondarySubnetsYaml) =>
        new(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(yaml));

    private static string[] Names(SubcloudStrategy part) => part.Steps.Select(s => s.Name).ToArray();

    [Fact]
    public void D12_simplex_to_dual_stack_adds_and_assigns_oam_then_the_cluster_pools_at_runtime_without_host_steps()
    {
        var strategy = Plan(ToDualStack(), Ready("sx", 1));

        var part = Assert.Single(strategy.Subclouds);
        Assert.Equal(
        [
            "add pool oam-ipv4 (10.20.2.0/24)", "assign oam-ipv4 to oam",
            "add pool cluster-host-subnet-ipv4 (192.168.206.0/24)", "assign cluster-host-subnet-ipv4 to cluster-host",
            "add pool cluster-pod-subnet-ipv4 (172.16.0.0/16)", "assign cluster-pod-subnet-ipv4 to cluster-pod",
            "add pool cluster-service-subnet-ipv4 (10.96.0.0/12)", "assign cluster-service-subnet-ipv4 to cluster-service",
        ], Names(part));
        Assert.Contains(part.Notices, n => n.StartsWith("Kubernetes becomes dual-stack", StringComparison.Ordinal));
        Assert.Equal(StrategyState.Initial, strategy.State);
        Assert.Contains(part.TargetPools, p => p.Network == NetworkType.ClusterPod && !p.IsPrimary && p.Subnet == "172.16.0.0/16");
    }

    [Fact]
    public void D12_N30_duplex_to_dual_stack_ends_with_the_standby_first_host_sequence_for_the_oam_change()
    {
        var part = Assert.Single(Plan(ToDualStack(), Ready("dx", 2, "duplex")).Subclouds);

        Assert.Equal(
        [
            "lock controller-1", "unlock controller-1", "swact controller-0", "lock controller-0", "unlock controller-0", "swact controller-1",
        ], Names(part)[^6..]);
        Assert.Equal(14, part.Steps.Count);
        Assert.Contains(part.Notices, n => n.Contains("both controllers' configuration out of date", StringComparison.Ordinal));
    }

    [Fact]
    public void D12_standard_with_a_mgmt_secondary_locks_and_unlocks_every_host_controllers_first()
    {
        var yaml = Fleet.SecondarySubnetsYaml + "\nstd:\n  management_subnet: 10.30.3.0/24\n";
        var part = Assert.Single(Plan(ToDualStack(yaml), Ready("std", 3, "standard")).Subclouds);

        Assert.Equal(["add pool management-ipv4 (10.30.3.0/24)", "assign management-ipv4 to mgmt"], Names(part)[..2]);
        Assert.Equal(
        [
            "lock controller-1", "unlock controller-1", "swact controller-0", "lock controller-0", "unlock controller-0", "swact controller-1",
            "lock worker-0", "unlock worker-0",
        ], Names(part)[^8..]);
    }

    [Fact]
    public void D12_N10_mgmt_on_a_simplex_subcloud_is_changed_between_a_lock_and_an_unlock_of_its_controller()
    {
        var yaml = "sx:\n  management_subnet: 10.30.1.0/24\n";
        var part = Assert.Single(Plan(ToDualStack(yaml), Ready("sx", 1)).Subclouds);

        Assert.Equal(["lock controller-0", "add pool management-ipv4 (10.30.1.0/24)", "assign management-ipv4 to mgmt", "unlock controller-0"], Names(part));
        Assert.Contains(part.Notices, n => n.Contains("applied when controller-0 is unlocked", StringComparison.Ordinal));
    }

    [Fact]
    public void D12_N31_back_to_single_stack_removes_and_deletes_the_cluster_secondaries_before_oam()
    {
        var dual = Plan(ToDualStack(), Ready("sx", 1));
        var converted = Ready("sx", 1) with { Pools = dual.Subclouds[0].TargetPools };
        Assert.Equal("dual-stack", converted.NetworkMode);

        var part = Assert.Single(Plan(new StrategyParameters(NetworkModeTarget.SingleStack), converted).Subclouds);

        Assert.Equal(
        [
            "remove cluster-service-subnet-ipv4 from cluster-service", "delete pool cluster-service-subnet-ipv4",
            "remove cluster-pod-subnet-ipv4 from cluster-pod", "delete pool cluster-pod-subnet-ipv4",
            "remove cluster-host-subnet-ipv4 from cluster-host", "delete pool cluster-host-subnet-ipv4",
            "remove oam-ipv4 from oam", "delete pool oam-ipv4",
        ], Names(part));
        Assert.Contains(part.Notices, n => n.StartsWith("Kubernetes becomes single-stack", StringComparison.Ordinal));
        Assert.DoesNotContain(part.TargetPools, p => !p.IsPrimary);
    }

    [Fact]
    public void D12_duplex_back_to_single_stack_runs_the_N30_sequence_again_for_oam()
    {
        var dual = Plan(ToDualStack(), Ready("dx", 2, "duplex"));
        var converted = Ready("dx", 2, "duplex") with { Pools = dual.Subclouds[0].TargetPools };
        var part = Assert.Single(Plan(new StrategyParameters(NetworkModeTarget.SingleStack), converted).Subclouds);
        Assert.Equal("swact controller-1", Names(part)[^1]);
        Assert.Equal("remove cluster-service-subnet-ipv4 from cluster-service", Names(part)[0]);
    }

    [Fact]
    public void D18_operation_ids_are_deterministic_per_strategy_subcloud_and_step()
    {
        var first = Plan(ToDualStack(), Ready("sx", 1));
        var second = Plan(ToDualStack(), Ready("sx", 1));
        Assert.Equal(first.Subclouds[0].Steps.Select(s => s.OperationId), second.Subclouds[0].Steps.Select(s => s.OperationId));
        Assert.Equal("nm-000000000000000000000000000000aa-sx-000", first.Subclouds[0].Steps[0].OperationId);
        Assert.Equal(first.Subclouds[0].Steps.Count, first.Subclouds[0].Steps.Select(s => s.OperationId).Distinct().Count());
    }

    [Fact]
    public void D12_only_managed_online_subclouds_whose_state_differs_are_planned_the_others_are_listed_with_reasons()
    {
        var unmanaged = Ready("a-unmanaged", 1) with { Management = ManagementState.Unmanaged };
        var offline = Ready("b-offline", 2) with { Availability = SubcloudAvailability.Offline };
        var already = Fleet.Ready(Fleet.Admit("c-dual", Fleet.Ipv6DualStack(3), Fleet.Agent6(3)));
        var strategy = Plan(ToDualStack(), unmanaged, offline, already, Ready("d-ready", 4));

        Assert.Equal(["d-ready"], strategy.Subclouds.Select(s => s.Subcloud));
        Assert.Equal(
        [
            new SkippedSubcloud("a-unmanaged", "unmanaged"),
            new SkippedSubcloud("b-offline", "offline"),
            new SkippedSubcloud("c-dual", "already dual-stack on every network named"),
        ], strategy.Skipped);
    }

    [Fact]
    public void D12_a_dual_stack_subcloud_without_an_entry_in_the_secondary_subnets_file_is_skipped_not_refused()
    {
        // Regression: the file names only the subclouds that change; the one already dual-stack was refused for
        // having no entry instead of being listed as not eligible.
        var already = Fleet.Ready(Fleet.Admit("c-dual", Fleet.Ipv6DualStack(3), Fleet.Agent6(3)));
        var strategy = Plan(ToDualStack(Fleet.SecondarySubnetsYaml.Replace("default:", "d-ready:", StringComparison.Ordinal)), already, Ready("d-ready", 4));

        Assert.Equal(["d-ready"], strategy.Subclouds.Select(s => s.Subcloud));
        Assert.Equal([new SkippedSubcloud("c-dual", "already dual-stack; the secondary-subnets file has no entry for it")], strategy.Skipped);
    }

    [Fact]
    public void D13_a_single_stack_subcloud_without_an_entry_in_the_secondary_subnets_file_is_refused()
    {
        const string ForAnother = """
            other:
              external_oam_subnet: 10.20.2.0/24
              external_oam_gateway_address: 10.20.2.1
              external_oam_floating_address: 10.20.2.3
            """;

        var error = Assert.Throws<DomainException>(() => Plan(ToDualStack(ForAnother), Ready("d-ready", 4)));

        Assert.Contains(error.Errors, e => e.Rule == "D-13" && e.Message.Contains("no entry for subcloud 'd-ready'", StringComparison.Ordinal));
    }

    [Fact]
    public void D14_create_fails_with_the_reasons_when_nothing_is_eligible()
    {
        var offline = Ready("sx", 1) with { Availability = SubcloudAvailability.Offline };
        var error = Assert.Throws<DomainException>(() => Plan(ToDualStack(), offline));
        Assert.Equal("D-14", error.Errors[0].Rule);
        Assert.Contains("sx: offline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D14_create_fails_when_a_targeted_online_subcloud_has_an_unknown_sync_status()
    {
        var unknown = Ready("sx", 1) with { Sync = EndpointSyncStatus.AllUnknown };
        var error = Assert.Throws<DomainException>(() => Plan(ToDualStack(), unknown, Ready("dx", 2, "duplex")));
        Assert.Contains(error.Errors, e => e.Rule == "D-14" && e.Message.Contains("'sx'", StringComparison.Ordinal));
    }

    [Fact]
    public void D13_a_secondary_of_the_primary_family_or_an_overlapping_mgmt_range_is_refused_for_every_subcloud_at_once()
    {
        var yaml = """
            sx1:
              external_oam_subnet: fd00:99::/64
            sx2:
              management_subnet: 10.30.0.0/24
            sx3:
              management_subnet: 10.30.0.0/24
            """;
        var error = Assert.Throws<DomainException>(() => Plan(ToDualStack(yaml), Ready("sx1", 1), Ready("sx2", 2), Ready("sx3", 3)));

        Assert.Contains(error.Errors, e => e.Rule == "N-21" && e.Message.Contains("secondary family of subcloud 'sx1' is IPv4", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Rule == "N-37" && e.Message.Contains("'sx3'", StringComparison.Ordinal));
    }

    [Fact]
    public void D13_a_group_and_a_subcloud_list_are_exclusive_and_max_parallel_is_1_to_5000()
    {
        var parameters = ToDualStack() with { Group = "Default", Subclouds = ["sx"], MaxParallelSubclouds = 0 };
        var error = Assert.Throws<DomainException>(() => Plan(parameters, Ready("sx", 1)));
        Assert.Contains(error.Errors, e => e.Field == "group");
        Assert.Contains(error.Errors, e => e.Field == "max_parallel_subclouds");
        Assert.Equal(1, (ToDualStack() with { ApplyType = ApplyType.Serial, MaxParallelSubclouds = 10 }).EffectiveMaxParallel);
        Assert.Equal(2, ToDualStack().EffectiveMaxParallel);
    }

    [Fact]
    public void D13_networks_narrow_what_the_file_names()
    {
        var part = Assert.Single(Plan(ToDualStack() with { Networks = [NetworkType.Oam] }, Ready("sx", 1)).Subclouds);
        Assert.Equal(["add pool oam-ipv4 (10.20.2.0/24)", "assign oam-ipv4 to oam"], Names(part));
    }

    [Fact]
    public void D13_the_secondary_subnets_file_rejects_unknown_keys_and_lists()
    {
        var error = Assert.Throws<DomainException>(() => SecondarySubnets.Parse("default:\n  oam: 10.0.0.0/24\n  cluster_pod_subnet: [a, b]\n"));
        Assert.Equal(2, error.Errors.Count);
    }
}
