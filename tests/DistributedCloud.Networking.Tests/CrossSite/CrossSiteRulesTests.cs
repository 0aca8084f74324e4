using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.CrossSite;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Tests.Support;
using static DistributedCloud.Networking.Tests.Support.Assertions;

namespace DistributedCloud.Networking.Tests.CrossSite;

public sealed class CrossSiteRulesTests
{
    private static readonly SoftwareRelease Minimum = Parse("24.09");

    private static SoftwareRelease Parse(string text) => SoftwareRelease.TryParse(text, out var r) ? r : throw new FormatException(text);

    private static SubcloudPlan Subcloud(string name, string yaml, string? release = "24.09")
    {
        var result = BootstrapPlanner.Plan(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return new SubcloudPlan(name, release, result.Plan!.Networks);
    }

    private static string Simplex(string oam, string mgmt, string extra = "") => $"""
        system_mode: simplex
        external_oam_subnet: {oam}
        external_oam_floating_address: {string.Join(',', oam.Split(',').Select(SecondAddress))}
        management_subnet: {mgmt}
        {extra}
        """;

    private static string SecondAddress(string subnet)
    {
        var parsed = Subnet.Parse(subnet);
        return IpAddressMath.ToAddress(parsed.First + 2, parsed.Family).ToString();
    }

    private static string Ipv6Single(int n) => Simplex($"fd00:{n}::/64", $"fd01:{n}::/64");

    private static string Ipv4Single(int n) => Simplex($"10.{n}.0.0/24", $"10.{n}.1.0/24");

    private static IReadOnlyList<DomainError> Check(Action<ErrorCollector> check)
    {
        var errors = new ErrorCollector();
        check(errors);
        return errors.Errors;
    }

    private static Networking.Sites.SiteNetworks Ipv6PrimaryController() => Support.Sites.Plan(BootstrapExamples.SeedDualStack).Networks;

    [Fact]
    public void Subcloud_of_another_primary_family_is_refused_on_oam_and_management_N34()
    {
        var errors = Check(e => CrossSiteRules.CheckPrimaryFamilies(Ipv6PrimaryController(), Subcloud("sub4", Ipv4Single(3)), e));
        AssertHas(errors, "N-34", "external_oam_subnet");
        AssertHas(errors, "N-34", "management_subnet");
        Assert.Contains("'sub4'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subcloud_may_run_another_network_mode_with_the_same_primary_family_N34()
    {
        var errors = Check(e => CrossSiteRules.CheckPrimaryFamilies(Ipv6PrimaryController(), Subcloud("sub6", Ipv6Single(3)), e));
        Assert.Empty(errors);
    }

    [Fact]
    public void Subcloud_admin_network_stands_in_for_management_N34()
    {
        var yaml = Simplex("fd00:7::/64", "fd01:7::/64", "admin_subnet: 10.7.2.0/24");
        var result = BootstrapPlanner.Plan(yaml);
        Assert.False(result.IsValid, "admin of another primary family breaks N-22 inside the subcloud already");
        var ok = Subcloud("adm", Simplex("fd00:8::/64", "fd01:8::/64", "admin_subnet: fd02:8::/64\nadmin_gateway_address: fd02:8::1"));
        var endpoint = CrossSiteRules.ControlEndpointOf(ok.Networks);
        Assert.Equal(NetworkType.Admin, endpoint.Network);
        Assert.Equal(IpFamily.IPv6, endpoint.Family);
    }

    [Fact]
    public void Agent_address_must_be_of_the_subcloud_primary_family_N35()
    {
        var dual = Subcloud("dual", Simplex("fd00:9::/64,10.9.0.0/24", "fd01:9::/64,10.9.1.0/24"));
        Assert.Empty(Check(e => CrossSiteRules.CheckAgentAddress(System.Net.IPAddress.Parse("fd01:9::2"), dual, e)));
        var errors = Check(e => CrossSiteRules.CheckAgentAddress(System.Net.IPAddress.Parse("10.9.1.2"), dual, e));
        AssertHas(errors, "N-35", "agent_address");
        Assert.Contains("such as fd01:9::1", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dual_stack_subcloud_needs_a_release_that_supports_it_N36()
    {
        var yaml = Simplex("fd00:9::/64,10.9.0.0/24", "fd01:9::/64");
        AssertHas(Check(e => CrossSiteRules.CheckRelease(Subcloud("old", yaml, "22.12"), Minimum, e)), "N-36", "release");
        AssertHas(Check(e => CrossSiteRules.CheckRelease(Subcloud("unknown", yaml, null), Minimum, e)), "N-36", "release");
        Assert.Empty(Check(e => CrossSiteRules.CheckRelease(Subcloud("new", yaml, "24.09.1"), Minimum, e)));
        Assert.Empty(Check(e => CrossSiteRules.CheckRelease(Subcloud("single-old", Ipv6Single(4), "22.12"), Minimum, e)));
    }

    [Fact]
    public void Ipv6_subcloud_subnets_are_64_or_longer_N37()
    {
        var wide = Subcloud("wide", Simplex("fd00:9::/64", "fd01::/48"));
        AssertHas(Check(e => CrossSiteRules.CheckSubcloudSubnets(wide, [], e)), "N-37", "management_subnet");
    }

    [Fact]
    public void Management_gateway_must_lie_outside_the_range_N37()
    {
        var inside = Subcloud("gw", Simplex("fd00:9::/64", "fd01:9::/64", "management_gateway_address: fd01:9::1"));
        AssertHas(Check(e => CrossSiteRules.CheckSubcloudSubnets(inside, [], e)), "N-37", "management_gateway_address");
        var outside = Subcloud("gw2", Simplex("fd00:9::/64", "fd01:9::/64", "management_start_address: fd01:9::10\nmanagement_gateway_address: fd01:9::1"));
        Assert.Empty(Check(e => CrossSiteRules.CheckSubcloudSubnets(outside, [], e)));
    }

    [Fact]
    public void Subclouds_may_share_a_management_subnet_but_not_its_ranges_N37()
    {
        string Shared(string start, string end) => Simplex("fd00:9::/64", "fd01:9::/64", $"management_start_address: {start}\nmanagement_end_address: {end}");
        var a = Subcloud("a", Shared("fd01:9::10", "fd01:9::1f"));
        var b = Subcloud("b", Shared("fd01:9::20", "fd01:9::2f"));
        var c = Subcloud("c", Shared("fd01:9::18", "fd01:9::27"));
        Assert.Empty(Check(e => CrossSiteRules.CheckSubcloudSubnets(b, [a], e)));
        var errors = Check(e => CrossSiteRules.CheckSubcloudSubnets(c, [a, b], e));
        Assert.Equal(2, errors.Count(x => x.Rule == "N-37" && x.Kind == ErrorKind.Conflict));
    }

    [Theory]
    [InlineData("24.09", "24.9", 0)]
    [InlineData("25.09", "24.09", 1)]
    [InlineData("24.09", "24.09.1", -1)]
    [InlineData("9.1", "10.0", -1)]
    public void Releases_compare_number_by_number(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(Parse(a).CompareTo(Parse(b))));
    }
}
