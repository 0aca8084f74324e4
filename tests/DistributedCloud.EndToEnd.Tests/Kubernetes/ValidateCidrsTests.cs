using System.Text.Json;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Kubernetes;

public sealed class ValidateCidrsTests
{
    private static async Task<(DcctlResult Result, JsonElement Json)> RunJsonAsync(int expectedExit, params string[] args)
    {
        var result = await Dcctl.RunAsync(["k8s", "validate-cidrs", .. args, "-o", "json"]);
        Assert.True(result.ExitCode == expectedExit, result.ToString());
        using var document = JsonDocument.Parse(result.StdOut);
        return (result, document.RootElement.Clone());
    }

    private static (string Field, string Rule)[] Errors(JsonElement json) =>
        json.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("rule").GetString()!))
            .ToArray();

    [Fact]
    public async Task Seed_dual_stack_settings_are_valid_with_ipv6_primary_and_derived_flags()
    {
        var (_, json) = await RunJsonAsync(0,
            "--service-cidrs", "aefd:aaa::/112,10.96.0.0/12",
            "--pod-cidrs", "aefd:206::/64,172.16.0.0/16",
            "--node-ip", "aefd:205::2,192.168.205.2");
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.True(json.GetProperty("dualStack").GetBoolean());
        Assert.Equal("IPv6", json.GetProperty("primaryFamily").GetString());
        Assert.Equal(24, json.GetProperty("nodeMaskV4").GetInt32());
        Assert.Equal(64, json.GetProperty("nodeMaskV6").GetInt32());
        Assert.Equal(256, json.GetProperty("nodeCapacityV4").GetInt64());
        Assert.Equal(1, json.GetProperty("nodeCapacityV6").GetInt64());
        var flags = json.GetProperty("flags");
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", flags.GetProperty("kubeApiserver").GetProperty("--service-cluster-ip-range").GetString());
        Assert.Equal("aefd:206::/64,172.16.0.0/16", flags.GetProperty("kubeControllerManager").GetProperty("--cluster-cidr").GetString());
        Assert.Equal("64", flags.GetProperty("kubeControllerManager").GetProperty("--node-cidr-mask-size-ipv6").GetString());
        Assert.Equal("aefd:206::/64,172.16.0.0/16", flags.GetProperty("kubeProxy").GetProperty("clusterCIDR").GetString());
        Assert.Equal("aefd:205::2,192.168.205.2", flags.GetProperty("kubelet").GetProperty("--node-ip").GetString());
    }

    [Fact]
    public async Task Single_stack_ipv4_with_legacy_node_mask_reports_capacity_and_the_legacy_flag()
    {
        var (_, json) = await RunJsonAsync(0, "--service-cidrs", "10.96.0.0/12", "--pod-cidrs", "10.244.0.0/16", "--node-mask", "26");
        Assert.False(json.GetProperty("dualStack").GetBoolean());
        Assert.Equal(26, json.GetProperty("nodeMaskV4").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nodeMaskV6").ValueKind);
        Assert.Equal(1024, json.GetProperty("nodeCapacityV4").GetInt64());
        Assert.Equal("26", json.GetProperty("flags").GetProperty("kubeControllerManager").GetProperty("--node-cidr-mask-size").GetString());
    }

    [Fact]
    public async Task Invalid_settings_exit_1_listing_every_problem_at_once()
    {
        var (_, json) = await RunJsonAsync(1,
            "--service-cidrs", "10.0.0.0/11",
            "--pod-cidrs", "10.244.0.0/16,fd00::/47",
            "--node-mask", "24",
            "--node-ip", "10.0.0.1,10.0.0.2");
        Assert.False(json.GetProperty("valid").GetBoolean());
        var errors = Errors(json);
        Assert.Contains(("--service-cidrs", "K-8"), errors);
        Assert.Contains(("--pod-cidrs", "K-9"), errors);
        Assert.Contains(("--node-mask", "K-10"), errors);
        Assert.Contains(("--node-ip", "K-12"), errors);
        Assert.All(json.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
    }

    [Theory]
    [InlineData("K-8", "--service-cidrs", "--service-cidrs", "fd00::/107")]
    [InlineData("K-7", "--service-cidrs", "--service-cidrs", "10.96.0.0/12,10.112.0.0/12")]
    [InlineData("K-9", "--pod-cidrs", "--pod-cidrs", "fd00::/47")]
    [InlineData("K-12", "--node-ip", "--node-ip", "10.0.0.1,::")]
    public async Task Single_rule_violation_exits_1_with_its_rule_and_field(string rule, string field, string flag, string value)
    {
        var (_, json) = await RunJsonAsync(1, flag, value);
        Assert.Contains((field, rule), Errors(json));
    }

    [Theory]
    [InlineData("--service-cidrs", "10.96.0.1/12", "serviceCidrs", "10.96.0.0/12")]
    [InlineData("--pod-cidrs", "10.244.1.2/16", "podCidrs", "10.244.0.0/16")]
    public async Task Host_bits_are_masked_as_upstream_with_a_warning(string flag, string value, string key, string network)
    {
        var (_, json) = await RunJsonAsync(0, flag, value);
        Assert.Equal(network, json.GetProperty(key)[0].GetString());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains($"'{value}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--node-mask-v4")]
    [InlineData("--node-mask-v6")]
    [InlineData("--node-mask")]
    public async Task A_node_mask_of_0_means_unset_as_in_kube_controller_manager(string flag)
    {
        var (_, json) = await RunJsonAsync(0, "--pod-cidrs", "10.244.0.0/16,fd00::/48", flag, "0");
        Assert.Equal(24, json.GetProperty("nodeMaskV4").GetInt32());
        Assert.Equal(64, json.GetProperty("nodeMaskV6").GetInt32());
    }

    [Theory]
    [InlineData("--node-mask-v4", "abc")]
    [InlineData("--node-mask-v6", "6.4")]
    [InlineData("--node-mask", "24x")]
    public async Task A_mask_that_is_not_a_number_is_a_usage_error_in_our_words(string flag, string value)
    {
        var result = await Dcctl.RunAsync("k8s", "validate-cidrs", "--pod-cidrs", "10.244.0.0/16", flag, value, "-o", "json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains($"{flag} '{value}'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_family_mask_for_a_missing_family_is_rejected()
    {
        var (_, json) = await RunJsonAsync(1, "--pod-cidrs", "10.244.0.0/16", "--node-mask-v6", "64");
        Assert.Contains(("--node-mask-v6", "K-10"), Errors(json));
    }

    [Fact]
    public async Task Node_ip_pair_with_a_legacy_cloud_provider_is_rejected_but_external_is_accepted()
    {
        var (_, refused) = await RunJsonAsync(1, "--node-ip", "10.0.0.1,fd00::1", "--cloud-provider", "gce");
        Assert.Contains(("--node-ip", "K-12"), Errors(refused));
        await RunJsonAsync(0, "--node-ip", "10.0.0.1,fd00::1", "--cloud-provider", "external");
    }

    [Theory]
    [InlineData("--node-mask-v4", "abc")]
    [InlineData("--no-such-flag", "1")]
    public async Task Usage_errors_exit_2_with_empty_stdout(string flag, string value)
    {
        var result = await Dcctl.RunAsync("k8s", "validate-cidrs", flag, value, "-o", "json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.NotEqual(string.Empty, result.StdErr);
    }

    [Fact]
    public async Task Table_output_shows_the_derived_flags()
    {
        var result = await Dcctl.RunAsync("k8s", "validate-cidrs", "--service-cidrs", "10.96.0.0/12", "--pod-cidrs", "10.244.0.0/16");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--cluster-cidr=10.244.0.0/16", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_output_of_invalid_settings_lists_rule_and_field_and_exits_1()
    {
        var result = await Dcctl.RunAsync("k8s", "validate-cidrs", "--service-cidrs", "10.0.0.0/11");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("K-8", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--service-cidrs", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_output_carries_the_same_keys()
    {
        var result = await Dcctl.RunAsync("k8s", "validate-cidrs", "--pod-cidrs", "fd00::/48", "-o", "yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("nodeCapacityV6: 65536", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("primaryFamily: IPv6", result.StdOut, StringComparison.Ordinal);
    }
}
