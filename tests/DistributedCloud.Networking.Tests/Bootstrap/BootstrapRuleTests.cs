using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Errors;
using static DistributedCloud.Networking.Tests.Support.Assertions;

namespace DistributedCloud.Networking.Tests.Bootstrap;

public sealed class BootstrapRuleTests
{
    private const string Base = """
        system_mode: duplex
        external_oam_subnet: fd00::/64
        external_oam_gateway_address: fd00::1
        external_oam_floating_address: fd00::3
        external_oam_node_0_address: fd00::4
        external_oam_node_1_address: fd00::5
        management_subnet: fd01::/64
        cluster_host_subnet: fd02::/64
        cluster_pod_subnet: fd03::/64
        cluster_service_subnet: fd04::/112
        """;

    private static IReadOnlyList<DomainError> Errors(string yaml)
    {
        var result = BootstrapPlanner.Plan(yaml);
        Assert.False(result.IsValid, "expected the bootstrap file to be refused");
        Assert.Null(result.Plan);
        return result.Errors;
    }

    private static string With(string key, string value) =>
        string.Join('\n', Base.Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal)).Append($"{key}: {value}"));

    [Fact]
    public void Base_file_is_valid()
    {
        Assert.True(BootstrapPlanner.Plan(Base).IsValid);
    }

    [Fact]
    public void Three_entries_are_rejected_N21()
    {
        AssertHas(Errors(With("cluster_host_subnet", "fd02::/64,10.0.0.0/24,10.1.0.0/24")), "N-21", "cluster_host_subnet");
    }

    [Fact]
    public void Two_entries_of_one_family_are_rejected_N21()
    {
        var errors = Errors(With("external_oam_subnet", "fd00::/64,fd10::/64"));
        AssertHas(errors, "N-21", "external_oam_subnet");
        Assert.Contains("two IPv6 entries", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_entry_is_the_primary_N21()
    {
        var plan = BootstrapPlanner.Plan(With("external_oam_subnet", "fd00::/64,10.20.2.0/24")
            .Replace("external_oam_floating_address: fd00::3", "external_oam_floating_address: fd00::3,10.20.2.3", StringComparison.Ordinal)
            .Replace("external_oam_node_0_address: fd00::4", "external_oam_node_0_address: fd00::4,10.20.2.4", StringComparison.Ordinal)
            .Replace("external_oam_node_1_address: fd00::5", "external_oam_node_1_address: fd00::5,10.20.2.5", StringComparison.Ordinal)
            .Replace("external_oam_gateway_address: fd00::1", "external_oam_gateway_address: fd00::1,10.20.2.1", StringComparison.Ordinal)).Plan!;
        var oam = plan.Networks.Network(Networking.Networks.NetworkType.Oam)!;
        Assert.Equal(Networking.Addressing.IpFamily.IPv6, oam.PrimaryFamily);
        Assert.Equal("oam-ipv4", plan.Networks.Pool(oam.Secondary!.PoolUuid).Name);
    }

    [Fact]
    public void Mixed_primary_families_are_rejected_N22()
    {
        var errors = Errors(With("cluster_pod_subnet", "172.16.0.0/16"));
        AssertHas(errors, "N-22", "cluster_pod_subnet");
        Assert.Contains("give an IPv6 subnet as the first entry", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pxeboot_is_exempt_from_the_primary_family_but_ipv4_only_N22_N16()
    {
        Assert.True(BootstrapPlanner.Plan(With("pxeboot_subnet", "192.168.202.0/24")).IsValid);
        AssertHas(Errors(With("pxeboot_subnet", "fd05::/64")), "N-16", "pxeboot_subnet");
    }

    [Fact]
    public void Cluster_networks_are_dual_stack_together_or_not_at_all_N23()
    {
        var errors = Errors(With("cluster_host_subnet", "fd02::/64,192.168.206.0/24"));
        Assert.Contains(errors, e => e.Rule == "N-23" && e.Field.Contains("cluster_pod_subnet", StringComparison.Ordinal));
    }

    [Fact]
    public void Dual_stack_cluster_pod_needs_dual_stack_oam_N24()
    {
        var yaml = With("cluster_host_subnet", "fd02::/64,192.168.206.0/24");
        yaml = string.Join('\n', yaml.Split('\n').Where(l => !l.StartsWith("cluster_pod", StringComparison.Ordinal) && !l.StartsWith("cluster_service", StringComparison.Ordinal)))
            + "\ncluster_pod_subnet: fd03::/64,172.16.0.0/16\ncluster_service_subnet: fd04::/112,10.96.0.0/12";
        AssertHas(Errors(yaml), "N-24", "external_oam_subnet");
    }

    [Fact]
    public void Address_count_must_match_subnet_count_N25()
    {
        var errors = Errors(With("external_oam_gateway_address", "fd00::1,10.20.2.1"));
        AssertHas(errors, "N-25", "external_oam_gateway_address");
        Assert.Contains("gives 2 address(es) but external_oam_subnet has 1", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_family_order_must_match_subnet_order_N25()
    {
        var yaml = With("external_oam_subnet", "fd00::/64,10.20.2.0/24")
            .Replace("external_oam_floating_address: fd00::3", "external_oam_floating_address: 10.20.2.3,fd00::3", StringComparison.Ordinal);
        AssertHas(Errors(yaml), "N-25", "external_oam_floating_address");
    }

    [Fact]
    public void Kubernetes_dual_stack_needs_all_four_networks_dual_N26()
    {
        var plan = BootstrapPlanner.Plan(BootstrapExamples.Read(BootstrapExamples.SeedDualStack)).Plan!;
        Assert.True(plan.KubernetesDualStack);
        var single = BootstrapPlanner.Plan(Base).Plan!;
        Assert.False(single.KubernetesDualStack);
    }

    [Fact]
    public void Missing_oam_and_management_subnets_are_both_reported()
    {
        var errors = Errors("system_mode: simplex\ncluster_host_subnet: 192.168.206.0/24");
        AssertHas(errors, "N-21", "management_subnet");
        AssertHas(errors, "N-21", "external_oam_subnet");
    }

    [Fact]
    public void Duplex_oam_without_node_addresses_names_the_bootstrap_keys_N11()
    {
        var yaml = string.Join('\n', Base.Split('\n').Where(l => !l.Contains("node_", StringComparison.Ordinal)));
        var errors = Errors(yaml);
        AssertHas(errors, "N-11", "external_oam_node_0_address");
        AssertHas(errors, "N-11", "external_oam_node_1_address");
    }

    [Fact]
    public void Pool_rules_surface_with_the_bootstrap_key_N6()
    {
        AssertHas(Errors(With("external_oam_floating_address", "fd09::3")), "N-6", "external_oam_floating_address");
    }

    [Fact]
    public void Overlapping_networks_are_rejected_N20()
    {
        AssertHas(Errors(With("cluster_host_subnet", "fd01::/64")), "N-20", "cluster_host_subnet");
    }

    [Theory]
    [InlineData("system_mode: [unclosed", "bootstrap")]
    [InlineData("- just\n- a list", "bootstrap")]
    [InlineData("", "bootstrap")]
    [InlineData("a: 1\na: 2", "bootstrap")]
    [InlineData("management_subnet: {a: b}\nexternal_oam_subnet: fd00::/64", "management_subnet")]
    public void Malformed_files_are_reported_not_thrown(string yaml, string field)
    {
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Field == field || e.Field == "a");
    }

    [Fact]
    public void Unknown_keys_are_warnings_not_errors()
    {
        var result = BootstrapPlanner.Plan(Base + "\ndocker_registries: {}\ntimezone: UTC");
        Assert.True(result.IsValid);
        Assert.Equal(2, result.Warnings.Count(w => w.Contains("not a key DistributedCloud reads", StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_cluster_subnets_default_by_primary_family()
    {
        var yaml = string.Join('\n', Base.Split('\n').Where(l => !l.StartsWith("cluster_", StringComparison.Ordinal)));
        var plan = BootstrapPlanner.Plan(yaml).Plan!;
        Assert.Contains("cluster_pod_subnet: fd03::/64", plan.Defaults);
        Assert.Contains("management_multicast_subnet: ff08::1:1:0/124", plan.Defaults);
    }

    [Fact]
    public void Workers_exist_only_on_standard_sites()
    {
        AssertHas(Errors(Base + "\nworker_count: 2"), "N-21", "worker_count");
    }
}
