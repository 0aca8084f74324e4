using static DistributedCloud.Networking.Tests.Kubernetes.Services.ServicePlanning;

namespace DistributedCloud.Networking.Tests.Kubernetes.Services;

public sealed class ServiceFamilyPlannerUpdateTests
{
    private const string StoredSingle =
        "{type: ClusterIP, selector: {app: web}, ipFamilyPolicy: SingleStack, ipFamilies: [IPv4], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}";

    private const string StoredDual =
        "{type: ClusterIP, selector: {app: web}, ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv4, IPv6], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd00:10:96::10']}";

    private const string StoredPreferDual =
        "{type: ClusterIP, selector: {app: web}, ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4, IPv6], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd00:10:96::10']}";

    [Fact]
    [Trait("Rule", "K-23")]
    public void A_resubmitted_object_without_IP_fields_keeps_its_IPs()
    {
        var spec = Valid(Update(V4, StoredSingle, "{selector: {app: web}}"));
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal("10.96.0.10", spec.ClusterIP);
        Assert.Equal(["10.96.0.10"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-16")]
    public void Update_without_policy_keeps_the_old_policy()
    {
        var spec = Valid(Update(Dual46, StoredPreferDual, "{selector: {app: web}}"));
        Assert.Equal("PreferDualStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4", "IPv6"], spec.IpFamilies);
        Assert.Equal(["10.96.0.10", "fd00:10:96::10"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void The_resubmitted_stored_object_plans_to_itself()
    {
        var spec = Valid(Update(Dual46, StoredDual, StoredDual));
        Assert.Equal("RequireDualStack", spec.IpFamilyPolicy);
        Assert.Equal(["10.96.0.10", "fd00:10:96::10"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Changing_clusterIPs_0_is_rejected()
    {
        var errors = Invalid(Update(V4, StoredSingle, "{selector: {app: web}, clusterIP: 10.96.0.20, clusterIPs: [10.96.0.20]}"));
        var error = Assert.Single(errors);
        Assert.Equal(("spec.clusterIPs[0]", "K-23"), (error.Field, error.Rule));
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Changing_only_the_singular_clusterIP_is_rejected_on_clusterIPs_0()
    {
        Assert.Equal(["spec.clusterIPs[0]"], Fields(Update(V4, StoredSingle, "{selector: {app: web}, clusterIP: 10.96.0.20}")));
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Changing_ipFamilies_0_is_rejected()
    {
        var fields = Fields(Update(Dual46, StoredDual,
            "{selector: {app: web}, ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv6, IPv4], clusterIP: 'fd00:10:96::10', clusterIPs: ['fd00:10:96::10', 10.96.0.10]}"));
        Assert.Contains("spec.ipFamilies[0]", fields);
        Assert.Contains("spec.clusterIPs[0]", fields);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Changing_the_single_family_is_rejected()
    {
        var fields = Fields(Update(Dual46, StoredSingle, "{selector: {app: web}, ipFamilies: [IPv6]}"));
        Assert.Equal(["spec.clusterIPs[0]"], fields);
    }

    [Theory]
    [Trait("Rule", "K-23")]
    [InlineData("{selector: {app: web}, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}", new[] { "spec.ipFamilyPolicy" })]
    [InlineData("{selector: {app: web}, ipFamilyPolicy: RequireDualStack, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}", new[] { "spec.ipFamilyPolicy" })]
    [InlineData("{selector: {app: web}, ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}", new[] { "spec.ipFamilyPolicy", "spec.ipFamilyPolicy" })]
    public void Going_from_two_families_to_one_without_SingleStack_is_rejected(string spec, string[] fields)
    {
        var errors = Invalid(Update(Dual46, StoredDual, spec));
        Assert.Equal(fields, errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("K-23", e.Rule));
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Two_to_one_with_SingleStack_and_unchanged_fields_is_a_clean_downgrade()
    {
        var spec = Valid(Update(Dual46, StoredDual,
            "{selector: {app: web}, ipFamilyPolicy: SingleStack, ipFamilies: [IPv4, IPv6], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd00:10:96::10']}"));
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal(["10.96.0.10"], spec.ClusterIPs);
        Assert.Equal("10.96.0.10", spec.ClusterIP);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void SingleStack_with_only_the_policy_changed_downgrades_the_resubmitted_object()
    {
        var spec = Valid(Update(Dual46, StoredDual, "{selector: {app: web}, ipFamilyPolicy: SingleStack}"));
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal(["10.96.0.10"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Existing_PreferDualStack_service_stays_single_when_the_cluster_became_dual_stack()
    {
        const string stored = "{type: ClusterIP, selector: {app: web}, ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv4], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}";

        var spec = Valid(Update(Dual46, stored, stored));

        Assert.Equal("PreferDualStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal(["10.96.0.10"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void Asking_for_RequireDualStack_upgrades_and_allocates_the_secondary_IP()
    {
        var spec = Valid(Update(Dual46, StoredSingle, "{selector: {app: web}, ipFamilyPolicy: RequireDualStack}"));
        Assert.Equal(["IPv4", "IPv6"], spec.IpFamilies);
        Assert.Equal("10.96.0.10", spec.ClusterIPs[0]);
        AssertInRange(V6, spec.ClusterIPs[1]);
    }

    [Fact]
    [Trait("Rule", "K-24")]
    public void An_upgrade_requesting_a_secondary_IP_outside_the_range_fails_on_clusterIPs()
    {
        var fields = Fields(Update(Dual46, StoredSingle,
            "{selector: {app: web}, ipFamilyPolicy: RequireDualStack, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10, 'fd99::10']}"));
        Assert.Equal(["spec.clusterIPs"], fields);
    }

    [Fact]
    [Trait("Rule", "K-21")]
    public void An_upgrade_on_a_single_stack_cluster_fails()
    {
        Assert.Equal(["spec.ipFamilyPolicy"], Fields(Update(V4, StoredSingle, "{selector: {app: web}, ipFamilyPolicy: RequireDualStack}")));
    }

    [Theory]
    [Trait("Rule", "K-15")]
    [InlineData("{type: ExternalName, externalName: db.example.com}")]
    [InlineData("{type: ExternalName, externalName: db.example.com, selector: {app: web}, ipFamilyPolicy: SingleStack, ipFamilies: [IPv4], clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}")]
    public void A_type_change_to_ExternalName_clears_the_IP_fields(string spec)
    {
        var result = Valid(Update(V4, StoredSingle, spec));
        Assert.Null(result.IpFamilyPolicy);
        Assert.Empty(result.IpFamilies);
        Assert.Null(result.ClusterIP);
        Assert.Empty(result.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-15")]
    public void A_type_change_to_ExternalName_that_also_changes_IP_fields_is_refused()
    {
        var fields = Fields(Update(V4, StoredSingle,
            "{type: ExternalName, externalName: db.example.com, ipFamilyPolicy: PreferDualStack, clusterIP: 10.96.0.11, clusterIPs: [10.96.0.11]}"));
        Assert.Equal(["spec.clusterIPs", "spec.ipFamilyPolicy"], fields);
    }

    [Fact]
    [Trait("Rule", "K-24")]
    public void A_type_change_from_ExternalName_allocates_cluster_IPs()
    {
        var spec = Valid(Update(Dual46, "{type: ExternalName, externalName: db.example.com}", "{type: ClusterIP, selector: {app: web}}"));
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        AssertInRange(V4, spec.ClusterIP!);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void A_stored_object_that_predates_clusterIPs_and_families_is_read_as_the_apiserver_reads_it()
    {
        var spec = Valid(Update(Dual46, "{type: ClusterIP, selector: {app: web}, clusterIP: 10.96.0.10}", "{selector: {app: web}}"));
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies);
        Assert.Equal(["10.96.0.10"], spec.ClusterIPs);
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public void A_service_with_an_address_cannot_become_headless()
    {
        Assert.Equal(["spec.clusterIPs[0]"], Fields(Update(V4, StoredSingle, "{selector: {app: web}, clusterIP: None}")));
    }

    [Fact]
    [Trait("Rule", "K-20")]
    public void A_headless_service_stays_headless()
    {
        const string stored = "{clusterIP: None, clusterIPs: [None], ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv4, IPv6]}";
        var spec = Valid(Update(V4, stored, "{clusterIP: None}"));
        Assert.Equal(["None"], spec.ClusterIPs);
        Assert.Equal(["IPv4", "IPv6"], spec.IpFamilies);
        Assert.Equal("RequireDualStack", spec.IpFamilyPolicy);
    }
}
