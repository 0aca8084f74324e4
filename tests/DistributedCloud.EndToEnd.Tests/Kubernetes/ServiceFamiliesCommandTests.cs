using System.Net;
using System.Text.Json;
using DistributedCloud.EndToEnd.Tests.Infrastructure;

namespace DistributedCloud.EndToEnd.Tests.Kubernetes;

/// <summary>dcctl k8s service-families, run as a real process (kubernetes.md "Command-line contract").</summary>
public sealed class ServiceFamiliesCommandTests : IDisposable
{
    private const string SeedService = """
        apiVersion: v1
        kind: Service
        metadata:
          labels:
            app: dualstackpod
          name: dualstackpod-svc
        spec:
          ipFamilyPolicy: PreferDualStack
          ipFamilies:
          - IPv6
          - IPv4
          ports:
          - name: dualstackpod-udp
            port: 5201
            protocol: UDP
            targetPort: 35201
          - name: dualstackpod-tcp
            port: 5201
            protocol: TCP
            targetPort: 35201
          selector:
            app: dualstackpod
          type: ClusterIP
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("dcctl-svc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Rule", "K-22")]
    public async Task Seed_example_plans_two_cluster_IPs_IPv6_first_with_the_exact_JSON_shape()
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "aefd:aaa::/112,10.96.0.0/12", Write("svc.yaml", SeedService), "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal(["valid", "spec"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("valid").GetBoolean());
        var spec = root.GetProperty("spec");
        Assert.Equal(["ipFamilyPolicy", "ipFamilies", "clusterIP", "clusterIPs"], spec.EnumerateObject().Select(p => p.Name));
        Assert.Equal("PreferDualStack", spec.GetProperty("ipFamilyPolicy").GetString());
        Assert.Equal(["IPv6", "IPv4"], spec.GetProperty("ipFamilies").EnumerateArray().Select(e => e.GetString()!));
        var ips = spec.GetProperty("clusterIPs").EnumerateArray().Select(e => IPAddress.Parse(e.GetString()!)).ToArray();
        Assert.Equal(2, ips.Length);
        Assert.Equal(ips[0], IPAddress.Parse(spec.GetProperty("clusterIP").GetString()!));
        Assert.True(IPNetwork.Parse("aefd:aaa::/112").Contains(ips[0]), result.StdOut);
        Assert.True(IPNetwork.Parse("10.96.0.0/12").Contains(ips[1]), result.StdOut);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [Fact]
    [Trait("Rule", "K-15")]
    public async Task ExternalName_plans_to_nulls_and_empty_lists()
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "10.96.0.0/12",
            Write("ext.json", """{"kind":"Service","metadata":{"name":"db"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}"""), "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""{"valid":true,"spec":{"ipFamilyPolicy":null,"ipFamilies":[],"clusterIP":null,"clusterIPs":[]}}""", result.StdOut.Trim());
    }

    [Fact]
    [Trait("Rule", "K-21")]
    public async Task An_invalid_service_exits_1_listing_errors_with_their_field()
    {
        var service = Write("req.yaml", "kind: Service\nmetadata: {name: web}\nspec: {ipFamilyPolicy: RequireDualStack, ipFamilies: [IPv4, IPv6], selector: {app: web}}\n");

        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "10.96.0.0/12", service, "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var fields = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray();
        Assert.Equal(["spec.ipFamilyPolicy", "spec.ipFamilies[1]"], fields);
        Assert.All(json.RootElement.GetProperty("errors").EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("message").GetString()!));
    }

    [Fact]
    [Trait("Rule", "K-23")]
    public async Task An_update_with_before_keeps_stored_IPs_and_refuses_a_dropped_secondary_without_SingleStack()
    {
        var stored = Write("stored.yaml", """
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ipFamilyPolicy: RequireDualStack
              ipFamilies: [IPv4, IPv6]
              clusterIP: 10.96.0.10
              clusterIPs: [10.96.0.10, "fd00:10:96::10"]
            """);
        var resubmitted = Write("same.yaml", "kind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n");
        var dropped = Write("drop.yaml", "kind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, clusterIP: 10.96.0.10, clusterIPs: [10.96.0.10]}\n");
        const string cidrs = "10.96.0.0/12,fd00:10:96::/112";

        var kept = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", cidrs, "--before", stored, resubmitted, "-o", "json");
        var refused = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", cidrs, "--before", stored, dropped, "-o", "json");

        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Equal("""{"valid":true,"spec":{"ipFamilyPolicy":"RequireDualStack","ipFamilies":["IPv4","IPv6"],"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10","fd00:10:96::10"]}}""", kept.StdOut.Trim());
        Assert.True(refused.ExitCode == 1, refused.ToString());
        using var json = JsonDocument.Parse(refused.StdOut);
        Assert.Equal("spec.ipFamilyPolicy", json.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Table_output_is_the_default_and_keeps_the_exit_code()
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "10.96.0.0/12", Write("svc.yaml", SeedService));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("spec.ipFamilies[0]", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("invalid", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("bad-yaml")]
    [InlineData("not-a-service")]
    [InlineData("bad-cidr")]
    [InlineData("no-cidrs")]
    [InlineData("unknown-flag")]
    [InlineData("missing-before")]
    public async Task Usage_errors_exit_2_with_a_message_on_stderr_and_nothing_on_stdout(string problem)
    {
        var good = Write("good.yaml", SeedService);
        string[] args = problem switch
        {
            "missing-file" => ["--service-cidrs", "10.96.0.0/12", Path.Combine(_directory, "absent.yaml")],
            "bad-yaml" => ["--service-cidrs", "10.96.0.0/12", Write("bad.yaml", "spec: {clusterIPs: [10.96.0.1\n")],
            "not-a-service" => ["--service-cidrs", "10.96.0.0/12", Write("deploy.yaml", "kind: Deployment\nspec: {}\n")],
            "bad-cidr" => ["--service-cidrs", "10.96.0.0/40", good],
            "no-cidrs" => [good],
            "unknown-flag" => ["--service-cidrs", "10.96.0.0/12", "--frobnicate", good],
            _ => ["--service-cidrs", "10.96.0.0/12", "--before", Path.Combine(_directory, "absent.yaml"), good],
        };

        var result = await Dcctl.RunAsync(["k8s", "service-families", .. args, "-o", "json"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.NotEmpty(result.StdErr.Trim());
    }

    [Theory]
    [Trait("Rule", "K-7")]
    [InlineData("10.96.0.0/12,10.112.0.0/12", "two IPv4")]
    [InlineData("fd00::/112,fd01::/112", "two IPv6")]
    [InlineData("10.96.0.0/12,fd00::/112,10.112.0.0/12", "3 service CIDRs")]
    [InlineData("10.96.0.0/40", "not a valid service CIDR")]
    [InlineData("", "no service CIDR")]
    public async Task A_service_CIDR_list_that_breaks_K7_is_a_bad_flag_exit_2_naming_flag_value_and_rule(string cidrs, string says)
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", cidrs, Write("svc.yaml", SeedService), "-o", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains($"--service-cidrs '{cidrs}'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("K-7", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(says, result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "K-7")]
    [InlineData("10.96.0.1/12", "10.96.0.0/12")]
    [InlineData("fd00:10:96::1/112,10.96.0.1/12", "fd00:10:96::/112")]
    public async Task Service_CIDRs_with_host_bits_are_masked_like_upstream_with_a_warning_on_stderr(string cidrs, string primary)
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", cidrs, Write("svc.yaml", "kind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n"), "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var ip = IPAddress.Parse(json.RootElement.GetProperty("spec").GetProperty("clusterIP").GetString()!);
        Assert.True(IPNetwork.Parse(primary).Contains(ip), result.ToString());
        Assert.Contains("warning", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(primary, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_YAML_alias_bomb_is_refused_quickly_as_a_usage_error()
    {
        var text = new System.Text.StringBuilder("apiVersion: v1\nkind: Service\nmetadata:\n  name: bomb\n  annotations:\n    a0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"    a{level}: &a{level} [").Append(string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))).Append("]\n");
        }

        text.Append("spec: {type: ClusterIP}\n");

        // Expanded, the document is 10^9 nodes: without a bound it runs for minutes and exhausts memory.
        var result = await Dcctl.RunWithinAsync(TimeSpan.FromSeconds(30), null,
            "k8s", "service-families", "--service-cidrs", "10.96.0.0/12", Write("bomb.yaml", text.ToString()), "-o", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("alias", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_over_1_MiB_is_refused_as_a_usage_error()
    {
        var big = Write("big.yaml", "kind: Service\nmetadata:\n  name: big\n  annotations:\n    note: " + new string('x', 1024 * 1024) + "\nspec: {}\n");

        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "10.96.0.0/12", big, "-o", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("1048576", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", true)]
    [InlineData("--bogus", false)]
    public async Task An_unknown_option_is_reported_by_name(string option, bool beforeTheFile)
    {
        var file = Write("svc.yaml", SeedService);
        string[] args = beforeTheFile ? [option, file] : [file, option];

        var result = await Dcctl.RunAsync(["k8s", "service-families", "--service-cidrs", "10.96.0.0/12", .. args, "-o", "json"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains($"unknown option '{option}'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized command or argument", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_output_carries_the_same_keys_as_JSON()
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "10.96.0.0/12", Write("svc.yaml", "spec: {ipFamilyPolicy: RequireDualStack}\n"), "-o", "yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("valid: false", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("field: spec.ipFamilyPolicy", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("rule: K-21", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_JSON_errors_have_field_message_and_rule_in_that_order()
    {
        var result = await Dcctl.RunAsync("k8s", "service-families", "--service-cidrs", "10.96.0.0/12", Write("svc.yaml", "spec: {type: Ingress}\n"), "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("""{"valid":false,"errors":[{"field":"spec.type","message":"'Ingress' is not a service type""", result.StdOut, StringComparison.Ordinal);
        Assert.EndsWith(""","rule":"K-17"}]}""", result.StdOut.Trim(), StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
