using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Tests.Subclouds;

/// <summary>The registry rules (D-1..D-4) and the cross-site rules at add (N-34..N-37), pure.</summary>
public sealed class SubcloudRulesTests
{
    private static void AssertHas(DomainException error, string rule, string field) =>
        Assert.True(error.Errors.Any(e => e.Rule == rule && e.Field == field), $"expected {rule} on {field}, got: {error.Message}");

    [Fact]
    public void D2_a_new_subcloud_is_unmanaged_offline_not_deployed_with_every_endpoint_unknown()
    {
        var subcloud = Fleet.Admit("subcloud1", Fleet.Ipv6(1), Fleet.Agent6(1));

        Assert.Equal(ManagementState.Unmanaged, subcloud.Management);
        Assert.Equal(SubcloudAvailability.Offline, subcloud.Availability);
        Assert.Equal(DeployStatus.NotDeployed, subcloud.DeployStatus);
        Assert.Equal(SyncStatus.Unknown, subcloud.OverallSync);
        Assert.Equal(IpFamily.IPv6, subcloud.PrimaryFamily);
        Assert.Equal("single-stack IPv6", subcloud.NetworkMode);
        Assert.Equal("Default", subcloud.Group);
        Assert.Equal("25.09", subcloud.Release);
        Assert.True(RegionIds.IsValid(subcloud.Region));
        Assert.Equal($"http://[{Fleet.Agent6(1)}]:50052", subcloud.Agent.Url);
        Assert.Contains(subcloud.Subnets, s => s.Network == Networking.Networks.NetworkType.Mgmt && s.Primary == "fd01:1::/64" && s.Secondary is null);
    }

    [Theory]
    [InlineData("Sub1")]
    [InlineData("12345")]
    [InlineData("-sub")]
    [InlineData("sub_1")]
    [InlineData("systemcontroller")]
    [InlineData("")]
    public void D1_names_that_are_not_rfc1123_labels_all_digits_or_reserved_are_refused(string name)
    {
        var error = Assert.Throws<DomainException>(() => Fleet.Admit(name, Fleet.Ipv6(1), Fleet.Agent6(1)));
        AssertHas(error, "D-1", "name");
    }

    [Fact]
    public void D1_names_are_unique()
    {
        var first = Fleet.Admit("subcloud1", Fleet.Ipv6(1), Fleet.Agent6(1));
        var error = Assert.Throws<DomainException>(() => Fleet.Admit("subcloud1", Fleet.Ipv6(2), Fleet.Agent6(2), [first]));
        AssertHas(error, "D-1", "name");
        Assert.Equal(ErrorKind.Conflict, error.Errors.Single(e => e.Field == "name").Kind);
    }

    [Fact]
    public void N34_an_ipv4_primary_subcloud_is_refused_against_an_ipv6_primary_controller_naming_oam_and_management()
    {
        var error = Assert.Throws<DomainException>(() => Fleet.Admit("sub4", Fleet.Ipv4(30), "10.30.1.1"));

        AssertHas(error, "N-34", "external_oam_subnet");
        AssertHas(error, "N-34", "management_subnet");
        Assert.Contains("IPv4 primary OAM network but the system controller's is IPv6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void N7_every_problem_of_an_add_is_reported_at_once()
    {
        // A bad name, an IPv4 subcloud (N-34 twice) and an agent address of the wrong family (N-35) together.
        var error = Assert.Throws<DomainException>(() => Fleet.Admit("Bad_Name", Fleet.Ipv4(31), "fd01:31::1"));

        AssertHas(error, "D-1", "name");
        AssertHas(error, "N-34", "external_oam_subnet");
        AssertHas(error, "N-34", "management_subnet");
        AssertHas(error, "N-35", "agent_address");
    }

    [Fact]
    public void N35_the_agent_address_must_be_of_the_primary_family_and_in_the_primary_admin_or_mgmt_subnet()
    {
        var wrongFamily = Assert.Throws<DomainException>(() => Fleet.Admit("sub1", Fleet.Ipv6(1), "10.0.0.1"));
        AssertHas(wrongFamily, "N-35", "agent_address");

        var outside = Assert.Throws<DomainException>(() => Fleet.Admit("sub1", Fleet.Ipv6(1), "fd09::1"));
        AssertHas(outside, "N-35", "agent_address");

        var loopback = Fleet.Admit("sub1", Fleet.Ipv6(1), "::1");
        Assert.Equal("::1", loopback.Agent.Address.ToString());
    }

    [Fact]
    public void N36_a_dual_stack_subcloud_older_than_the_minimum_release_is_refused()
    {
        var old = Fleet.Ipv6DualStack(5).Replace("\"25.09\"", "\"22.12\"", StringComparison.Ordinal);
        var error = Assert.Throws<DomainException>(() => Fleet.Admit("dual", old, Fleet.Agent6(5)));
        AssertHas(error, "N-36", "release");

        var options = new SubcloudRegistryOptions { MinimumDualStackRelease = "22.06" };
        var accepted = SubcloudRules.Admit(Fleet.Add("dual", old, Fleet.Agent6(5)), Fleet.ControllerSite(), [], Fleet.Groups, options, Fleet.Start, RegionIds.New());
        Assert.Equal("dual-stack", accepted.NetworkMode);
    }

    [Fact]
    public void N37_management_ranges_of_two_subclouds_never_overlap()
    {
        var first = Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1));
        var clash = Fleet.Ipv6(2).Replace("management_subnet: fd01:2::/64", "management_subnet: fd01:1::/64", StringComparison.Ordinal);

        var error = Assert.Throws<DomainException>(() => Fleet.Admit("sub2", clash, "fd01:1::1", [first]));

        AssertHas(error, "N-37", "management_start_address");
    }

    [Fact]
    public void D2_an_invalid_bootstrap_plan_is_reported_with_its_keys()
    {
        var error = Assert.Throws<DomainException>(() => Fleet.Admit("sub1", "system_mode: simplex\nexternal_oam_subnet: fd00::/64", Fleet.Agent6(1)));
        AssertHas(error, "N-21", "management_subnet");
    }

    [Fact]
    public void D3_manage_needs_complete_and_online_unless_forced_and_is_not_repeated()
    {
        var subcloud = Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1));

        var error = Assert.Throws<DomainException>(() => SubcloudRules.Manage(subcloud, force: false));
        AssertHas(error, "D-3", "deploy_status");
        AssertHas(error, "D-3", "availability");

        var forced = SubcloudRules.Manage(subcloud, force: true);
        Assert.Equal(ManagementState.Managed, forced.Management);
        var again = Assert.Throws<DomainException>(() => SubcloudRules.Manage(forced, force: true));
        AssertHas(again, "D-3", "management");

        var ready = subcloud with { DeployStatus = DeployStatus.Complete, Availability = SubcloudAvailability.Online };
        Assert.Equal(ManagementState.Managed, SubcloudRules.Manage(ready, force: false).Management);
    }

    [Fact]
    public void D3_unmanage_sets_every_endpoint_unknown_and_is_not_repeated()
    {
        var managed = Fleet.Ready(Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1)));
        Assert.Equal(SyncStatus.InSync, managed.OverallSync);

        var unmanaged = SubcloudRules.Unmanage(managed);

        Assert.Equal(ManagementState.Unmanaged, unmanaged.Management);
        Assert.All(unmanaged.Sync.Endpoints.Values, s => Assert.Equal(SyncStatus.Unknown, s));
        AssertHas(Assert.Throws<DomainException>(() => SubcloudRules.Unmanage(unmanaged)), "D-3", "management");
    }

    [Fact]
    public void D4_delete_needs_unmanaged_and_offline_unless_forced_and_never_with_an_operation_in_flight_or_a_peer_group()
    {
        var online = Fleet.Ready(Fleet.Admit("sub1", Fleet.Ipv6(1), Fleet.Agent6(1)));

        var error = Assert.Throws<DomainException>(() => SubcloudRules.CheckDelete(online, force: false, operationInFlight: false, peerGroup: null));
        AssertHas(error, "D-4", "management");
        AssertHas(error, "D-4", "availability");

        SubcloudRules.CheckDelete(online, force: true, operationInFlight: false, peerGroup: null);
        AssertHas(Assert.Throws<DomainException>(() => SubcloudRules.CheckDelete(online, true, operationInFlight: true, peerGroup: null)), "D-4", "operation");
        AssertHas(Assert.Throws<DomainException>(() => SubcloudRules.CheckDelete(online, true, false, peerGroup: "pg1")), "D-4", "peer_group");

        var idle = online with { Management = ManagementState.Unmanaged, Availability = SubcloudAvailability.Offline };
        SubcloudRules.CheckDelete(idle, force: false, operationInFlight: false, peerGroup: null);
    }
}
