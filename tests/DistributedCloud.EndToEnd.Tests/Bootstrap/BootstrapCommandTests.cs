using System.Text.Json;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.EndToEnd.Tests.Bootstrap;

public sealed class BootstrapCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dcctl-bootstrap-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Seed_bootstrap_validates_as_an_ipv6_primary_dual_stack_site()
    {
        var result = await Dcctl.RunAsync("bootstrap", "validate", BootstrapExamples.PathOf(BootstrapExamples.SeedDualStack), "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal("IPv6", root.GetProperty("primaryFamily").GetString());
        Assert.True(root.GetProperty("kubernetesDualStack").GetBoolean());
        var oam = root.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "oam");
        Assert.Equal(["fd00::/64", "10.20.2.0/24"], oam.GetProperty("pools").EnumerateArray().Select(p => p.GetProperty("subnet").GetString()));
    }

    [Fact]
    public async Task Invalid_bootstrap_lists_every_problem_with_field_and_rule_and_exits_1()
    {
        var file = Path.Combine(_work, "bad.yaml");
        await File.WriteAllTextAsync(file, """
            system_mode: duplex
            external_oam_subnet: fd00::/64,fd10::/64
            management_subnet: 192.168.204.0/24
            cluster_host_subnet: fd02::/64,192.168.206.0/24
            cluster_pod_subnet: fd03::/64
            cluster_service_subnet: fd04::/112
            """);

        var result = await Dcctl.RunAsync("bootstrap", "validate", file, "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var errors = json.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Rule: e.GetProperty("rule").GetString(), Field: e.GetProperty("field").GetString())).ToArray();
        Assert.Contains(("N-21", "external_oam_subnet"), errors);
        Assert.Contains(("N-22", "cluster_pod_subnet"), errors);
        Assert.Contains(errors, e => e.Rule == "N-23");
        Assert.True(errors.Length >= 4, $"expected every problem at once, got {errors.Length}");
    }

    [Fact]
    public async Task Invalid_bootstrap_in_table_form_names_the_rule_and_exits_1()
    {
        var file = Path.Combine(_work, "bad.yaml");
        await File.WriteAllTextAsync(file, "management_subnet: fd01::/64\n");
        var result = await Dcctl.RunAsync("bootstrap", "validate", file);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("external_oam_subnet", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("N-21", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_a_usage_error_with_nothing_on_stdout()
    {
        var result = await Dcctl.RunAsync("bootstrap", "validate", Path.Combine(_work, "absent.yaml"), "-o", "json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("does not exist", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_writes_the_seed_kubernetes_settings_with_ipv6_first()
    {
        var outDir = Path.Combine(_work, "out");
        var result = await Dcctl.RunAsync("bootstrap", "render", BootstrapExamples.PathOf(BootstrapExamples.SeedDualStack), "--out", outDir, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var flags = json.RootElement.GetProperty("flags");
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", flags.GetProperty("kube-apiserver").GetProperty("--service-cluster-ip-range").GetString());
        Assert.Equal("aefd:206::/64,172.16.0.0/16", flags.GetProperty("kube-controller-manager").GetProperty("--cluster-cidr").GetString());

        // The files on disk say the same: read the kubeadm ClusterConfiguration back.
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(outDir, "kubeadm", "kubeadm-config.yaml"))));
        var cluster = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => d.Children[new YamlScalarNode("kind")].ToString() == "ClusterConfiguration");
        var networking = (YamlMappingNode)cluster.Children[new YamlScalarNode("networking")];
        Assert.Equal("aefd:aaa::/112,10.96.0.0/12", networking.Children[new YamlScalarNode("serviceSubnet")].ToString());
        Assert.Equal("aefd:206::/64,172.16.0.0/16", networking.Children[new YamlScalarNode("podSubnet")].ToString());
        Assert.Equal("KUBELET_EXTRA_ARGS=--node-ip=aefd:205::3,192.168.205.3\n",
            await File.ReadAllTextAsync(Path.Combine(outDir, "hosts", "controller-1", "kubelet.env")));
        Assert.DoesNotContain(Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories), f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_of_an_invalid_file_writes_nothing()
    {
        var file = Path.Combine(_work, "bad.yaml");
        await File.WriteAllTextAsync(file, "management_subnet: fd01::/64\nexternal_oam_subnet: 10.0.0.0/24\n");
        var outDir = Path.Combine(_work, "out");
        var result = await Dcctl.RunAsync("bootstrap", "render", file, "--out", outDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Render_without_out_is_a_usage_error()
    {
        var result = await Dcctl.RunAsync("bootstrap", "render", BootstrapExamples.PathOf(BootstrapExamples.AioSxIpv4));
        Assert.True(result.ExitCode == 2, result.ToString());
    }
}
