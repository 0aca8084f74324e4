using System.Net;
using System.Numerics;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Kubernetes.Cidrs;

namespace DistributedCloud.Networking.Tests.Kubernetes;

public sealed class KubernetesCidrValidatorTests
{
    private static KubernetesCidrValidation Check(
        string? service = null, string? pods = null, int? v4 = null, int? v6 = null, int? legacy = null, string? nodeIps = null, string? cloud = null) =>
        KubernetesCidrValidator.Validate(new KubernetesCidrSettings(service, pods, v4, v6, legacy, nodeIps, cloud));

    private static void AssertValid(KubernetesCidrValidation result) =>
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));

    private static DomainError AssertSingleError(KubernetesCidrValidation result, string rule, string field)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Plan);
        var matching = result.Errors.Where(e => e.Rule == rule && e.Field == field).ToArray();
        Assert.True(matching.Length == 1, $"expected one {rule} error on {field}, got: {string.Join(" | ", result.Errors)}");
        return matching[0];
    }

    // ---- K-7: one CIDR, or two of different families

    [Theory]
    [InlineData("10.96.0.0/12")]
    [InlineData("fd00::/112")]
    [InlineData("10.96.0.0/12,fd00::/112")]
    [InlineData("fd00::/112,10.96.0.0/12")]
    public void K7_service_list_of_one_cidr_or_a_dual_stack_pair_is_accepted(string service) =>
        AssertValid(Check(service: service));

    [Theory]
    [InlineData("10.96.0.0/12,10.112.0.0/12")]
    [InlineData("fd00::/112,fd01::/112")]
    public void K7_service_pair_of_one_family_is_rejected(string service)
    {
        var error = AssertSingleError(Check(service: service), "K-7", KubernetesCidrFields.ServiceCidrs);
        Assert.Contains(service, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void K7_three_pod_cidrs_are_rejected_naming_the_count()
    {
        var error = AssertSingleError(Check(pods: "10.0.0.0/16,fd00::/48,10.1.0.0/16"), "K-7", KubernetesCidrFields.PodCidrs);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.96.0.0")]
    [InlineData("10.96.0.0/33")]
    [InlineData("not-a-cidr")]
    [InlineData("10.96.0.0/12,")]
    [InlineData("10.96.0.0/012")]
    public void K7_unparsable_service_cidr_is_rejected(string service) =>
        AssertSingleError(Check(service: service), "K-7", KubernetesCidrFields.ServiceCidrs);

    [Theory]
    [InlineData("10.96.0.1/12", null, "10.96.0.0/12", "10.96.0.1/12")]
    [InlineData("fd00::1/112,10.96.0.7/12", null, "fd00::/112,10.96.0.0/12", "fd00::1/112")]
    [InlineData(null, "10.244.3.4/16", null, "10.244.3.4/16")]
    public void K7_host_bits_are_masked_as_upstream_ParseCIDRSloppy_does_with_a_warning(string? service, string? pods, string? range, string written)
    {
        var result = Check(service: service, pods: pods);

        AssertValid(result);
        if (range is not null)
        {
            Assert.Equal(range, string.Join(',', result.Plan!.ServiceCidrs));
            Assert.Contains(result.Plan.Flags, f => f.Name == "--service-cluster-ip-range" && f.Value == range);
        }
        else
        {
            Assert.Equal("10.244.0.0/16", result.Plan!.PodCidrs.Single().ToString());
        }

        var warnings = result.Plan.Warnings.Where(w => w.Contains("host bits", StringComparison.Ordinal)).ToArray();
        Assert.Equal(written.Split(',').Length + (service?.Contains("10.96.0.7", StringComparison.Ordinal) == true ? 1 : 0), warnings.Length);
        Assert.Contains(written, warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void K7_pod_pair_of_one_family_is_rejected()
    {
        AssertSingleError(Check(pods: "10.0.0.0/16,10.1.0.0/16"), "K-7", KubernetesCidrFields.PodCidrs);
    }

    // ---- K-8: service range size

    [Theory]
    [InlineData("10.96.0.0/12")]
    [InlineData("fd00::/108")]
    [InlineData("10.96.0.0/28")]
    [InlineData("fd00::/124")]
    public void K8_service_range_within_20_host_bits_and_holding_10_addresses_is_accepted(string service) =>
        AssertValid(Check(service: service));

    [Theory]
    [InlineData("10.0.0.0/11", "/12")]
    [InlineData("fd00::/107", "/108")]
    [InlineData("fd00::/64", "/108")]
    public void K8_service_range_with_more_than_20_host_bits_is_rejected_naming_the_longest_allowed_prefix(string service, string way)
    {
        var error = AssertSingleError(Check(service: service), "K-8", KubernetesCidrFields.ServiceCidrs);
        Assert.Contains(service, error.Message, StringComparison.Ordinal);
        Assert.Contains(way, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.96.0.0/29")]
    [InlineData("fd00::/125")]
    [InlineData("10.96.0.0/32")]
    public void K8_service_range_with_fewer_than_10_addresses_is_rejected(string service) =>
        AssertSingleError(Check(service: service), "K-8", KubernetesCidrFields.ServiceCidrs);

    [Fact]
    public void K8_secondary_service_range_is_checked_too()
    {
        AssertSingleError(Check(service: "10.96.0.0/12,fd00::/64"), "K-8", KubernetesCidrFields.ServiceCidrs);
    }

    // ---- K-9: node mask against pod mask

    [Theory]
    [InlineData("fd00::/48")]
    [InlineData("fd00::/56")]
    [InlineData("fd00::/64")]
    public void K9_ipv6_pod_cidr_between_48_and_64_fits_the_default_node_mask(string pods) =>
        AssertValid(Check(pods: pods));

    [Fact]
    public void K9_ipv6_pod_cidr_of_47_with_the_default_node_mask_is_rejected()
    {
        var error = AssertSingleError(Check(pods: "fd00::/47"), "K-9", KubernetesCidrFields.PodCidrs);
        Assert.Contains("fd00::/47", error.Message, StringComparison.Ordinal);
        Assert.Contains("/48", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void K9_ipv6_pod_cidr_of_65_is_smaller_than_the_default_node_mask_and_rejected()
    {
        AssertSingleError(Check(pods: "fd00::/65"), "K-9", KubernetesCidrFields.PodCidrs);
    }

    [Fact]
    public void K9_ipv4_pod_cidr_more_than_16_bits_shorter_than_the_node_mask_is_rejected_like_kubeadm()
    {
        AssertSingleError(Check(pods: "10.0.0.0/7"), "K-9", KubernetesCidrFields.PodCidrs);
        AssertValid(Check(pods: "10.0.0.0/8"));
    }

    [Fact]
    public void K9_explicit_node_mask_shorter_than_the_pod_mask_is_rejected_on_the_mask_flag()
    {
        var error = AssertSingleError(Check(pods: "10.244.0.0/16", v4: 12), "K-9", KubernetesCidrFields.NodeMaskV4);
        Assert.Contains("10.244.0.0/16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void K9_explicit_ipv6_node_mask_too_far_from_the_pod_mask_is_rejected()
    {
        AssertSingleError(Check(pods: "fd00::/48", v6: 80), "K-9", KubernetesCidrFields.NodeMaskV6);
        AssertValid(Check(pods: "fd00::/64", v6: 80));
    }

    [Fact]
    public void K9_node_mask_equal_to_the_pod_mask_is_accepted()
    {
        AssertValid(Check(pods: "10.244.0.0/24", v4: 24));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(-1)]
    public void K9_ipv4_node_mask_outside_1_to_32_is_rejected(int mask) =>
        AssertSingleError(Check(pods: "10.0.0.0/16,fd00::/48", v4: mask), "K-9", KubernetesCidrFields.NodeMaskV4);

    [Fact]
    public void K9_a_node_mask_of_0_means_unset_as_in_kube_controller_manager()
    {
        var dual = Check(pods: "10.0.0.0/16,fd00::/48", v4: 0, v6: 0, legacy: 0);
        AssertValid(dual);
        Assert.Equal(24, dual.Plan!.NodeMask(IpFamily.IPv4));
        Assert.Equal(64, dual.Plan.NodeMask(IpFamily.IPv6));
        Assert.False(dual.Plan.LegacyNodeMask);

        var single = Check(pods: "10.244.0.0/16", v6: 0, legacy: 26);
        AssertValid(single);
        Assert.Equal(26, single.Plan!.NodeMask(IpFamily.IPv4));
    }

    [Fact]
    public void K9_ipv6_node_mask_beyond_128_is_rejected()
    {
        AssertSingleError(Check(pods: "fd00::/48", v6: 129), "K-9", KubernetesCidrFields.NodeMaskV6);
    }

    [Fact]
    public void K9_pod_cidr_with_fewer_than_14_addresses_is_rejected_like_kubeadm()
    {
        AssertSingleError(Check(pods: "10.0.0.0/29", legacy: 30), "K-9", KubernetesCidrFields.PodCidrs);
        AssertValid(Check(pods: "10.0.0.0/28", legacy: 30));
    }

    // ---- K-10: legacy and per-family node masks

    [Fact]
    public void K10_legacy_node_mask_on_a_dual_stack_cluster_is_rejected()
    {
        var error = AssertSingleError(Check(pods: "10.244.0.0/16,fd00::/48", legacy: 24), "K-10", KubernetesCidrFields.NodeMask);
        Assert.Contains(KubernetesCidrFields.NodeMaskV4, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void K10_legacy_node_mask_on_a_single_stack_cluster_is_accepted_and_applies_to_its_family()
    {
        var result = Check(pods: "fd00::/48", legacy: 60);
        AssertValid(result);
        Assert.Equal(60, result.Plan!.NodeMask(IpFamily.IPv6));
        Assert.True(result.Plan.LegacyNodeMask);
        Assert.Contains(result.Plan.Flags, f => f.Name == "--node-cidr-mask-size" && f.Value == "60");
        Assert.DoesNotContain(result.Plan.Flags, f => f.Name.StartsWith("--node-cidr-mask-size-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.244.0.0/16", 26, null)]
    [InlineData("10.244.0.0/16", null, 64)]
    [InlineData("fd00::/48", 24, null)]
    public void K10_legacy_node_mask_together_with_a_per_family_mask_is_rejected(string pods, int? v4, int? v6) =>
        AssertSingleError(Check(pods: pods, v4: v4, v6: v6, legacy: 24), "K-10", KubernetesCidrFields.NodeMask);

    [Fact]
    public void K10_ipv6_node_mask_on_a_single_stack_ipv4_cluster_is_rejected()
    {
        AssertSingleError(Check(pods: "10.244.0.0/16", v6: 64), "K-10", KubernetesCidrFields.NodeMaskV6);
    }

    [Fact]
    public void K10_ipv4_node_mask_on_a_single_stack_ipv6_cluster_is_rejected()
    {
        AssertSingleError(Check(pods: "fd00::/48", v4: 24), "K-10", KubernetesCidrFields.NodeMaskV4);
    }

    [Fact]
    public void K10_both_per_family_masks_on_a_dual_stack_cluster_are_accepted()
    {
        var result = Check(pods: "10.244.0.0/16,fd00::/56", v4: 26, v6: 72);
        AssertValid(result);
        Assert.Equal(26, result.Plan!.NodeMask(IpFamily.IPv4));
        Assert.Equal(72, result.Plan.NodeMask(IpFamily.IPv6));
    }

    [Fact]
    public void K10_without_pod_cidrs_the_service_cidrs_decide_the_cluster_families()
    {
        AssertSingleError(Check(service: "10.96.0.0/12", v6: 64), "K-10", KubernetesCidrFields.NodeMaskV6);
    }

    // ---- K-11: kube-proxy clusterCIDR

    [Fact]
    public void K11_kube_proxy_cluster_cidr_of_two_same_family_pod_cidrs_is_rejected()
    {
        AssertSingleError(Check(pods: "fd00::/48,fd01::/48"), "K-11", KubernetesCidrFields.PodCidrs);
    }

    [Fact]
    public void K11_kube_proxy_cluster_cidr_is_the_pod_cidr_list_primary_first()
    {
        var result = Check(pods: "fd00::/48,10.244.0.0/16");
        AssertValid(result);
        var flag = Assert.Single(result.Plan!.FlagsOf(ComponentFlag.KubeProxy));
        Assert.Equal(("clusterCIDR", "fd00::/48,10.244.0.0/16"), (flag.Name, flag.Value));
    }

    // ---- K-12: kubelet --node-ip

    [Theory]
    [InlineData("192.168.1.2")]
    [InlineData("fd00::2")]
    [InlineData("192.168.1.2,fd00::2")]
    [InlineData("fd00::2,192.168.1.2")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void K12_single_node_ip_or_dual_stack_pair_is_accepted(string nodeIps) =>
        AssertValid(Check(nodeIps: nodeIps));

    [Theory]
    [InlineData("192.168.1.2,192.168.1.3")]
    [InlineData("fd00::2,fd00::3")]
    public void K12_node_ip_pair_of_one_family_is_rejected(string nodeIps) =>
        AssertSingleError(Check(nodeIps: nodeIps), "K-12", KubernetesCidrFields.NodeIps);

    [Fact]
    public void K12_three_node_ips_are_rejected()
    {
        AssertSingleError(Check(nodeIps: "192.168.1.2,fd00::2,192.168.1.3"), "K-12", KubernetesCidrFields.NodeIps);
    }

    [Theory]
    [InlineData("192.168.1.2,::")]
    [InlineData("0.0.0.0,fd00::2")]
    [InlineData("::,0.0.0.0")]
    public void K12_dual_stack_pair_with_an_unspecified_address_is_rejected(string nodeIps) =>
        AssertSingleError(Check(nodeIps: nodeIps), "K-12", KubernetesCidrFields.NodeIps);

    [Theory]
    [InlineData("aws")]
    [InlineData("openstack")]
    public void K12_dual_stack_pair_with_a_legacy_cloud_provider_is_rejected(string cloud)
    {
        var error = AssertSingleError(Check(nodeIps: "192.168.1.2,fd00::2", cloud: cloud), "K-12", KubernetesCidrFields.NodeIps);
        Assert.Contains(cloud, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("external")]
    [InlineData("none")]
    [InlineData("")]
    public void K12_dual_stack_pair_without_a_cloud_provider_or_with_external_is_accepted(string cloud) =>
        AssertValid(Check(nodeIps: "192.168.1.2,fd00::2", cloud: cloud));

    [Fact]
    public void K12_single_node_ip_with_a_cloud_provider_is_accepted()
    {
        AssertValid(Check(nodeIps: "192.168.1.2", cloud: "aws"));
    }

    [Theory]
    [InlineData("node-a")]
    [InlineData("192.168.1.256")]
    [InlineData("192.168.1.2,")]
    public void K12_unparsable_node_ip_is_rejected(string nodeIps) =>
        AssertSingleError(Check(nodeIps: nodeIps), "K-12", KubernetesCidrFields.NodeIps);

    // ---- K-6: one primary family

    [Fact]
    public void K6_pod_primary_of_another_family_than_the_service_primary_is_rejected()
    {
        var error = AssertSingleError(Check(service: "10.96.0.0/12,fd00:aaa::/112", pods: "fd00:206::/64,172.16.0.0/16"), "K-6", KubernetesCidrFields.PodCidrs);
        Assert.Contains("IPv4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void K6_first_node_ip_of_another_family_than_the_primary_is_rejected()
    {
        AssertSingleError(Check(service: "aefd:aaa::/112,10.96.0.0/12", nodeIps: "192.168.205.2,aefd:205::2"), "K-6", KubernetesCidrFields.NodeIps);
    }

    [Fact]
    public void K6_without_service_cidrs_the_pod_primary_is_the_reference()
    {
        AssertSingleError(Check(pods: "fd00::/48", nodeIps: "10.0.0.2"), "K-6", KubernetesCidrFields.NodeIps);
    }

    // ---- K-14: capacity

    [Theory]
    [InlineData("10.244.0.0/16", null, "256")]
    [InlineData("10.244.0.0/16", 28, "4096")]
    [InlineData("10.244.0.0/24", 24, "1")]
    [InlineData("fd00::/48", null, "65536")]
    [InlineData("fd00::/56", null, "256")]
    public void K14_node_capacity_is_two_to_the_node_mask_minus_the_pod_mask(string pods, int? mask, string capacity)
    {
        var family = Subnet.Parse(pods).Family;
        var result = Check(pods: pods, v4: family == IpFamily.IPv4 ? mask : null, v6: family == IpFamily.IPv6 ? mask : null);
        AssertValid(result);
        Assert.Equal(BigInteger.Parse(capacity, System.Globalization.CultureInfo.InvariantCulture), result.Plan!.NodeCapacity(family));
    }

    [Fact]
    public void K14_capacity_math_is_exact_for_exponents_beyond_64_bits()
    {
        Assert.Equal(BigInteger.Pow(2, 100), KubernetesCidrValidator.NodeCapacity(0, 100));
        Assert.Equal(BigInteger.Pow(2, 128), KubernetesCidrValidator.NodeCapacity(0, 128));
        Assert.Equal(BigInteger.One, KubernetesCidrValidator.NodeCapacity(64, 64));
    }

    // ---- derivation (K-1..K-3) and collecting every error

    [Fact]
    public void K1_K2_K3_seed_dual_stack_settings_derive_ipv6_primary_flags_for_every_component()
    {
        var result = Check(service: "aefd:aaa::/112,10.96.0.0/12", pods: "aefd:206::/64,172.16.0.0/16", nodeIps: "aefd:205::2,192.168.205.2");
        AssertValid(result);
        var plan = result.Plan!;
        Assert.True(plan.DualStack);
        Assert.Equal(IpFamily.IPv6, plan.PrimaryFamily);
        Assert.Equal([IpFamily.IPv6, IpFamily.IPv4], plan.PodIpFamilies);
        string Flag(string component, string name) => plan.FlagsOf(component).Single(f => f.Name == name).Value;
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", Flag(ComponentFlag.KubeApiserver, "--service-cluster-ip-range"));
        Assert.Equal("aefd:206::/64,172.16.0.0/16", Flag(ComponentFlag.KubeControllerManager, "--cluster-cidr"));
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", Flag(ComponentFlag.KubeControllerManager, "--service-cluster-ip-range"));
        Assert.Equal("24", Flag(ComponentFlag.KubeControllerManager, "--node-cidr-mask-size-ipv4"));
        Assert.Equal("64", Flag(ComponentFlag.KubeControllerManager, "--node-cidr-mask-size-ipv6"));
        Assert.DoesNotContain(plan.Flags, f => f.Name == "--node-cidr-mask-size");
        Assert.Equal("aefd:205::2,192.168.205.2", Flag(ComponentFlag.Kubelet, "--node-ip"));
    }

    [Fact]
    public void Single_stack_ipv4_without_legacy_mask_emits_only_the_ipv4_mask_flag()
    {
        var result = Check(service: "10.96.0.0/12", pods: "10.244.0.0/16");
        AssertValid(result);
        Assert.False(result.Plan!.DualStack);
        Assert.Equal(["--node-cidr-mask-size-ipv4"], result.Plan.Flags.Where(f => f.Name.StartsWith("--node-cidr-mask", StringComparison.Ordinal)).Select(f => f.Name));
        Assert.Null(result.Plan.NodeMask(IpFamily.IPv6));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Check(service: "10.0.0.0/11", pods: "fd00::/47,fd01::/48", legacy: 24, v4: 24, nodeIps: "10.0.0.1,10.0.0.2");
        Assert.False(result.IsValid);
        var rules = result.Errors.Select(e => e.Rule).ToHashSet();
        Assert.Superset(new HashSet<string> { "K-6", "K-7", "K-8", "K-9", "K-10", "K-11", "K-12" }, rules);
    }

    [Fact]
    public void Plan_throws_one_domain_exception_carrying_every_error()
    {
        var ex = Assert.Throws<DomainException>(() => KubernetesCidrValidator.Plan(new KubernetesCidrSettings("10.0.0.0/11", "fd00::/47")));
        Assert.True(ex.Errors.Count >= 3, string.Join(" | ", ex.Errors));
    }

    [Fact]
    public void Dual_stack_pods_with_a_single_bare_metal_node_ip_are_accepted_with_a_warning()
    {
        var result = Check(service: "10.96.0.0/12,fd00::/112", pods: "10.244.0.0/16,fd00:1::/56", nodeIps: "192.168.1.2");
        AssertValid(result);
        Assert.Contains(result.Plan!.Warnings, w => w.Contains("--node-ip", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_node_ips_reports_k12_under_the_given_field()
    {
        var errors = new ErrorCollector();
        KubernetesCidrValidator.CheckNodeIps([IPAddress.Parse("10.0.0.1"), IPAddress.IPv6Any], null, "hosts[controller-0]", errors);
        var error = Assert.Single(errors.Errors);
        Assert.Equal(("K-12", "hosts[controller-0]"), (error.Rule, error.Field));
    }
}
