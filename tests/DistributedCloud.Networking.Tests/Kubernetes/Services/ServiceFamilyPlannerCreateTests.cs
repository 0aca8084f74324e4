using DistributedCloud.Networking.Kubernetes.Services.Planning;
using static DistributedCloud.Networking.Tests.Kubernetes.Services.ServicePlanning;

namespace DistributedCloud.Networking.Tests.Kubernetes.Services;

public sealed class ServiceFamilyPlannerCreateTests
{
    [Fact]
    [Trait("Rule", "K-22")]
    public void Seed_example_PreferDualStack_IPv6_first_plans_two_cluster_IPs_IPv6_first()
    {
        var spec = Valid(ServiceFamilyPlanner.Plan(
            Manifest("{ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv6, IPv4], type: ClusterIP, selector: {app: dualstackpod}, ports: [{port: 5201, protocol: UDP}]}", "dualstackpod-svc"),
            null,
            Cidrs("aefd:aaa::/112,10.96.0.0/12")));

        Assert.Equal("PreferDualStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv6", "IPv4"], spec.IpFamilies);
        Assert.Equal(2, spec.ClusterIPs.Count);
        Assert.Equal(spec.ClusterIPs[0], spec.ClusterIP);
        AssertInRange("aefd:aaa::/112", spec.ClusterIPs[0]);
        AssertInRange("10.96.0.0/12", spec.ClusterIPs[1]);
    }

    [Theory]
    [Trait("Rule", "K-16")]
    [InlineData(V4, "IPv4")]
    [InlineData(Dual46, "IPv4")]
    [InlineData(Dual64, "IPv6")]
    public void No_policy_on_create_is_SingleStack_with_the_cluster_primary_family(string cidrs, string family)
    {
        var spec = Valid(Create(cidrs, "{selector: {app: web}}"));

        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal([family], spec.IpFamilies);
        Assert.Single(spec.ClusterIPs);
        Assert.Equal(spec.ClusterIPs[0], spec.ClusterIP);
        AssertInRange(family == "IPv4" ? V4 : V6, spec.ClusterIP!);
    }

    [Fact]
    [Trait("Rule", "K-16")]
    public void Missing_type_is_defaulted_to_ClusterIP_and_gets_an_address()
    {
        var spec = Valid(Create(V4, "{}"));

        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        var ip = Assert.Single(spec.ClusterIPs);
        Assert.Equal(ip, spec.ClusterIP);
        AssertInRange(V4, ip);
    }

    [Theory]
    [Trait("Rule", "K-20")]
    [InlineData(V4, "IPv4", "IPv6")]
    [InlineData(V6, "IPv6", "IPv4")]
    [InlineData(Dual64, "IPv6", "IPv4")]
    public void Headless_selectorless_defaults_to_RequireDualStack_with_both_families_even_on_a_single_stack_cluster(string cidrs, string first, string second)
    {
        var spec = Valid(Create(cidrs, "{clusterIP: None}"));

        Assert.Equal("RequireDualStack", spec.IpFamilyPolicy);
        Assert.Equal([first, second], spec.IpFamilies);
        Assert.Equal("None", spec.ClusterIP);
        Assert.Equal(["None"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-20")]
    public void Headless_selectorless_SingleStack_keeps_the_primary_family_only()
    {
        var spec = Valid(Create(Dual46, "{clusterIP: None, ipFamilyPolicy: SingleStack}"));
        Assert.Equal(["IPv4"], spec.IpFamilies);
    }

    [Fact]
    [Trait("Rule", "K-20")]
    public void Headless_selectorless_families_are_not_checked_against_the_cluster()
    {
        var spec = Valid(Create(V4, "{clusterIP: None, ipFamilies: [IPv6]}"));
        Assert.Equal(["IPv6", "IPv4"], spec.IpFamilies);
        Assert.Equal("RequireDualStack", spec.IpFamilyPolicy);
    }

    [Fact]
    [Trait("Rule", "K-20")]
    public void Headless_with_selector_follows_the_normal_rules_SingleStack_by_default()
    {
        var spec = Valid(Create(Dual46, "{clusterIP: None, selector: {app: web}}"));
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal(["None"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-21")]
    public void Headless_with_selector_asking_for_a_missing_family_fails()
    {
        Assert.Equal(["spec.ipFamilies[0]"], Fields(Create(V4, "{clusterIP: None, selector: {app: web}, ipFamilies: [IPv6]}")));
    }

    [Fact]
    [Trait("Rule", "K-21")]
    public void RequireDualStack_on_a_single_stack_cluster_fails_on_the_policy()
    {
        var errors = Invalid(Create(V4, "{ipFamilyPolicy: RequireDualStack, selector: {app: web}}"));
        var error = Assert.Single(errors);
        Assert.Equal("spec.ipFamilyPolicy", error.Field);
        Assert.Equal("K-21", error.Rule);
    }

    [Fact]
    [Trait("Rule", "K-21")]
    public void RequireDualStack_on_a_dual_stack_cluster_gets_both_families_primary_first()
    {
        var spec = Valid(Create(Dual64, "{ipFamilyPolicy: RequireDualStack}"));
        Assert.Equal(["IPv6", "IPv4"], spec.IpFamilies);
        AssertInRange(V6, spec.ClusterIPs[0]);
        AssertInRange(V4, spec.ClusterIPs[1]);
    }

    [Theory]
    [Trait("Rule", "K-21")]
    [InlineData("{ipFamilies: [IPv6]}", new[] { "spec.ipFamilies[0]" })]
    [InlineData("{ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4, IPv6]}", new[] { "spec.ipFamilies[1]" })]
    [InlineData("{ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv4, IPv6]}", new[] { "spec.ipFamilyPolicy", "spec.ipFamilies[1]" })]
    public void A_requested_family_the_cluster_lacks_fails_at_its_index(string spec, string[] fields)
    {
        Assert.Equal(fields, Fields(Create(V4, spec)));
    }

    [Fact]
    [Trait("Rule", "K-19")]
    public void Families_are_inferred_from_the_requested_cluster_IPs()
    {
        var spec = Valid(Create(Dual46, "{clusterIP: 'fd00:10:96::a', clusterIPs: ['fd00:10:96::a']}"));
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv6"], spec.IpFamilies);
        Assert.Equal(["fd00:10:96::a"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-19")]
    public void An_inferred_family_is_completed_by_PreferDualStack_on_a_dual_stack_cluster()
    {
        var spec = Valid(Create(Dual46, "{ipFamilyPolicy: PreferDualStack, clusterIP: 'fd00:10:96::a', clusterIPs: ['fd00:10:96::a']}"));
        Assert.Equal(["IPv6", "IPv4"], spec.IpFamilies);
        Assert.Equal("fd00:10:96::a", spec.ClusterIPs[0]);
        AssertInRange(V4, spec.ClusterIPs[1]);
    }

    [Fact]
    [Trait("Rule", "K-19")]
    public void A_requested_IP_of_a_family_the_cluster_lacks_fails_at_its_clusterIPs_index()
    {
        var error = Assert.Single(Invalid(Create(V4, "{clusterIP: 'fd00::10'}")));
        Assert.Equal("spec.clusterIPs[0]", error.Field);
        Assert.Equal("K-19", error.Rule);
    }

    [Fact]
    [Trait("Rule", "K-17")]
    public void ClusterIP_alone_is_copied_to_clusterIPs_on_create()
    {
        var spec = Valid(Create(V4, "{clusterIP: 10.96.0.50}"));
        Assert.Equal(["10.96.0.50"], spec.ClusterIPs);
        Assert.Equal("10.96.0.50", spec.ClusterIP);
    }

    [Theory]
    [Trait("Rule", "K-17")]
    [InlineData("{clusterIP: 10.96.0.50, clusterIPs: [10.96.0.51]}", "spec.clusterIPs")]
    [InlineData("{clusterIPs: [10.96.0.51]}", "spec.clusterIPs")]
    [InlineData("{ipFamilyPolicy: PreferDualStack, clusterIP: 10.96.0.50, clusterIPs: [10.96.0.50, 10.96.0.51]}", "spec.clusterIPs")]
    [InlineData("{clusterIP: None, clusterIPs: [None, 10.96.0.51]}", "spec.clusterIPs")]
    [InlineData("{clusterIP: 10.96.0.50, clusterIPs: [10.96.0.50, None]}", "spec.clusterIPs[1]")]
    [InlineData("{clusterIP: 10.96.0.x}", "spec.clusterIPs[0]")]
    [InlineData("{ipFamilies: [IPv4, IPv4]}", "spec.ipFamilies[1]")]
    [InlineData("{ipFamilies: [ipv4]}", "spec.ipFamilies[0]")]
    [InlineData("{ipFamilyPolicy: DualStack}", "spec.ipFamilyPolicy")]
    [InlineData("{ipFamilyPolicy: ''}", "spec.ipFamilyPolicy")]
    [InlineData("{ipFamilies: [IPv6], clusterIP: 10.96.0.50}", "spec.clusterIPs[0]")]
    public void Malformed_IP_fields_fail_at_the_upstream_field_path(string spec, string field)
    {
        var errors = Invalid(Create(Dual46, spec));
        Assert.Contains(errors, e => e.Field == field);
        Assert.All(errors, e => Assert.StartsWith("K-1", e.Rule, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "K-17")]
    public void More_than_two_cluster_IPs_are_refused()
    {
        var fields = Fields(Create(Dual46, "{ipFamilyPolicy: RequireDualStack, clusterIP: 10.96.0.5, clusterIPs: [10.96.0.5, 'fd00:10:96::5', 10.96.0.6]}"));
        Assert.Contains("spec.clusterIPs", fields);
    }

    [Fact]
    [Trait("Rule", "K-17")]
    public void Loose_validation_stops_before_cluster_checks_as_upstream_does()
    {
        // A bad family is reported alone: the RequireDualStack-on-single-stack check is never reached.
        Assert.Equal(["spec.ipFamilies[0]"], Fields(Create(V4, "{ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv5]}")));
    }

    [Theory]
    [Trait("Rule", "K-18")]
    [InlineData("{ipFamilyPolicy: SingleStack, ipFamilies: [IPv4, IPv6]}", 1)]
    [InlineData("{ipFamilyPolicy: SingleStack, clusterIP: 10.96.0.5, clusterIPs: [10.96.0.5, 'fd00:10:96::5']}", 1)]
    [InlineData("{ipFamilyPolicy: SingleStack, ipFamilies: [IPv4, IPv6], clusterIP: 10.96.0.5, clusterIPs: [10.96.0.5, 'fd00:10:96::5']}", 2)]
    public void SingleStack_with_two_families_or_two_IPs_fails_on_the_policy(string spec, int count)
    {
        var errors = Invalid(Create(Dual46, spec));
        Assert.Equal(count, errors.Count);
        Assert.All(errors, e => Assert.Equal(("spec.ipFamilyPolicy", "K-18"), (e.Field, e.Rule)));
    }

    [Theory]
    [Trait("Rule", "K-22")]
    [InlineData(V4, new[] { "IPv4" })]
    [InlineData(Dual46, new[] { "IPv4", "IPv6" })]
    [InlineData(Dual64, new[] { "IPv6", "IPv4" })]
    public void PreferDualStack_without_families_takes_what_the_cluster_has_primary_first(string cidrs, string[] families)
    {
        var spec = Valid(Create(cidrs, "{ipFamilyPolicy: PreferDualStack}"));
        Assert.Equal(families, spec.IpFamilies);
        Assert.Equal(families.Length, spec.ClusterIPs.Count);
    }

    [Fact]
    [Trait("Rule", "K-22")]
    public void PreferDualStack_with_the_secondary_family_requested_keeps_it_first()
    {
        var spec = Valid(Create(Dual46, "{ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv6]}"));
        Assert.Equal(["IPv6", "IPv4"], spec.IpFamilies);
        AssertInRange(V6, spec.ClusterIP!);
    }

    [Fact]
    [Trait("Rule", "K-15")]
    public void ExternalName_gets_nothing_defaulted()
    {
        var spec = Valid(Create(Dual46, "{type: ExternalName, externalName: db.example.com}"));
        Assert.Null(spec.IpFamilyPolicy);
        Assert.Empty(spec.IpFamilies);
        Assert.Null(spec.ClusterIP);
        Assert.Empty(spec.ClusterIPs);
    }

    [Theory]
    [Trait("Rule", "K-15")]
    [InlineData("{type: ExternalName, externalName: db.example.com, clusterIP: 10.96.0.5}", new[] { "spec.clusterIPs" })]
    [InlineData("{type: ExternalName, externalName: db.example.com, ipFamilies: [IPv4]}", new[] { "spec.ipFamilies" })]
    [InlineData("{type: ExternalName, externalName: db.example.com, ipFamilyPolicy: SingleStack}", new[] { "spec.ipFamilyPolicy" })]
    [InlineData("{type: ExternalName, externalName: db.example.com, ipFamilyPolicy: SingleStack, ipFamilies: [IPv4], clusterIP: None}", new[] { "spec.clusterIPs", "spec.ipFamilies", "spec.ipFamilyPolicy" })]
    [InlineData("{type: ExternalName}", new[] { "spec.externalName" })]
    [InlineData("{type: ExternalName, externalName: 'Not A Name'}", new[] { "spec.externalName" })]
    public void ExternalName_with_IP_fields_fails_at_each_field(string spec, string[] fields)
    {
        Assert.Equal(fields, Fields(Create(Dual46, spec)));
    }

    [Fact]
    [Trait("Rule", "K-17")]
    public void An_unknown_type_is_refused_on_spec_type_under_the_well_formedness_rule_not_ExternalName()
    {
        var error = Assert.Single(Invalid(Create(V4, "{type: Ingress}")));
        Assert.Equal(("spec.type", "K-17"), (error.Field, error.Rule));
        Assert.Contains("'Ingress'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "K-17")]
    public void Three_cluster_IPs_of_both_families_get_only_the_at_most_two_error_as_upstream()
    {
        var error = Assert.Single(Invalid(Create(Dual46, "{clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd00:10:96::5', 10.96.0.12]}")));

        Assert.Equal(("spec.clusterIPs", "K-17"), (error.Field, error.Rule));
        Assert.Contains("at most two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "K-17")]
    public void Three_cluster_IPs_of_one_family_also_break_one_per_family_as_upstream()
    {
        var errors = Invalid(Create(Dual46, "{clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 10.96.0.11, 10.96.0.12]}"));

        Assert.Equal(["spec.clusterIPs", "spec.clusterIPs"], errors.Select(e => e.Field));
        Assert.Contains("at most two", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("more than one address of a family", errors[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "K-20")]
    [InlineData("NodePort")]
    [InlineData("LoadBalancer")]
    public void NodePort_and_LoadBalancer_cannot_be_headless(string type)
    {
        Assert.Equal(["spec.clusterIPs[0]"], Fields(Create(V4, $"{{type: {type}, clusterIP: None, selector: {{app: web}}}}")));
    }

    [Fact]
    [Trait("Rule", "K-24")]
    public void A_requested_IP_inside_the_range_is_used_as_given()
    {
        var spec = Valid(Create(Dual46, "{ipFamilyPolicy: RequireDualStack, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd00:10:96::10']}"));
        Assert.Equal(["10.96.0.10", "fd00:10:96::10"], spec.ClusterIPs);
        Assert.Equal("10.96.0.10", spec.ClusterIP);
    }

    [Fact]
    [Trait("Rule", "K-24")]
    public void Only_the_missing_secondary_IP_is_allocated_when_the_primary_is_requested()
    {
        var spec = Valid(Create(Dual46, "{ipFamilyPolicy: RequireDualStack, clusterIP: 10.96.0.10}"));
        Assert.Equal("10.96.0.10", spec.ClusterIPs[0]);
        AssertInRange(V6, spec.ClusterIPs[1]);
    }

    [Theory]
    [Trait("Rule", "K-24")]
    [InlineData("10.0.0.5")]
    [InlineData("10.96.0.0")]
    [InlineData("10.111.255.255")]
    public void A_requested_IP_outside_the_usable_range_fails_on_clusterIPs(string ip)
    {
        var error = Assert.Single(Invalid(Create(V4, $"{{clusterIP: {ip}}}")));
        Assert.Equal(("spec.clusterIPs", "K-24"), (error.Field, error.Rule));
        Assert.Contains(ip, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "K-24")]
    public void Allocation_is_deterministic_and_depends_on_the_name()
    {
        var first = Valid(Create(Dual46, "{ipFamilyPolicy: PreferDualStack}"));
        var again = Valid(Create(Dual46, "{ipFamilyPolicy: PreferDualStack}"));
        var other = Valid(ServiceFamilyPlanner.Plan(Manifest("{ipFamilyPolicy: PreferDualStack}", "api"), null, Cidrs(Dual46)));

        Assert.Equal(first.ClusterIPs, again.ClusterIPs);
        Assert.NotEqual(first.ClusterIPs, other.ClusterIPs);
    }

    [Theory]
    [Trait("Rule", "K-7")]
    [InlineData("10.96.0.0/12,10.100.0.0/16")]
    [InlineData("fd00::/112,fd01::/112")]
    [InlineData("10.96.0.0/12,fd00::/112,10.100.0.0/16")]
    public void Service_CIDR_lists_that_are_not_one_or_a_dual_stack_pair_fail_on_the_flag(string cidrs)
    {
        var error = Assert.Single(Invalid(Create(cidrs, "{}")));
        Assert.Equal(("--service-cidrs", "K-7"), (error.Field, error.Rule));
    }

    [Fact]
    [Trait("Rule", "K-7")]
    public void An_empty_service_CIDR_list_fails_on_the_flag()
    {
        var result = ServiceFamilyPlanner.Plan(Manifest("{}"), null, []);
        Assert.Equal("--service-cidrs", Assert.Single(Invalid(result)).Field);
    }
}
