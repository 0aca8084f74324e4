using System.Text.Json;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DistributedCloud.EndToEnd.Tests.Scenarios;

/// <summary>
/// The acceptance scenario: the StarlingX 10.0 tutorial's runtime CLI session (seed 002), each line as written there
/// with <c>system</c> replaced by <c>dcctl</c>, against a real agent bootstrapped as the tutorial's AIO-DX IPv6
/// single-stack system. After each step the test checks alarms, host states, network families and the rendered
/// Kubernetes configuration.
/// </summary>
public sealed class SeedRuntimeSessionTests
{
    private const string ClusterPools = """
        dcctl addrpool-add cluster-pod-ipv4 172.16.0.0 16 --order random --ranges 172.16.0.1-172.16.254.254 
        dcctl addrpool-add cluster-service-ipv4 10.96.0.0 12 --order random --ranges 10.96.0.1-10.96.254.254
        dcctl addrpool-add cluster-host-ipv4 171.168.204.0 24 --order random --ranges 171.168.204.1-171.168.204.254 \
         --floating-address 171.168.204.1 --controller0-address 171.168.204.2 --controller1-address 171.168.204.3
        """;

    [Fact]
    public async Task Seed_runtime_session_runs_verbatim_and_the_site_follows_every_step()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { Bootstrap = "bootstrap-aio-dx-ipv6.yaml" });
        using var shell = new Shell(new Dictionary<string, string> { ["DCCTL_AGENT"] = agent.Url, ["DCCTL_CONFIG"] = agent.ConfigPath });

        // The starting point: every network single-stack IPv6 (pxeboot IPv4).
        var listing = await Run(shell, "dcctl network-list\ndcctl network-addrpool-list\ndcctl addrpool-list");
        Assert.Contains("| oam             | oam             | False   |", listing.StdOut, StringComparison.Ordinal);
        Assert.Equal(["IPv4", "IPv6", "IPv6", "IPv6", "IPv6", "IPv6", "IPv6"], (await Networks(shell)).Values.Order());
        Assert.False(KubernetesDualStack(agent));

        // Secondary OAM pool: on AIO-DX both controllers go out of date, each with a 250.001 alarm (N-29).
        await Run(shell, """
            dcctl addrpool-add oam-ipv4 10.10.204.0 24 --order random --ranges 10.10.204.1-10.10.204.253 \
             --floating-address 10.10.204.1 --controller0-address 10.10.204.2 --controller1-address 10.10.204.3 \
             --gateway-address 10.10.204.254

            dcctl network-addrpool-assign oam oam-ipv4  
            """);
        Assert.Equal(["host=controller-0", "host=controller-1"], await ConfigAlarms(shell));
        Assert.Equal("Config out-of-date", (await Host(shell, "controller-1"))["config_status"]);

        // The tutorial's lock/unlock/swact sequence clears them one host at a time (N-30, H-8).
        await Run(shell, "dcctl host-lock controller-1\ndcctl host-unlock controller-1");
        Assert.Equal(["host=controller-0"], await ConfigAlarms(shell));
        await Run(shell, "dcctl host-swact controller-0");
        Assert.Equal("Controller-Active", (await Host(shell, "controller-1"))["capabilities"]);
        await Run(shell, "dcctl host-lock controller-0\ndcctl host-unlock controller-0\ndcctl host-swact controller-1");
        Assert.Empty(await ConfigAlarms(shell));
        Assert.Equal("Controller-Active", (await Host(shell, "controller-0"))["capabilities"]);
        Assert.Equal("unlocked", (await Host(shell, "controller-0"))["administrative"]);

        // The cluster pools: Kubernetes stays single-stack until the third network is dual (N-27).
        await Run(shell, ClusterPools);
        await Run(shell, "dcctl network-addrpool-assign cluster-service cluster-service-ipv4 ");
        await Run(shell, "dcctl network-addrpool-assign cluster-pod cluster-pod-ipv4 ");
        Assert.False(KubernetesDualStack(agent));
        Assert.Equal(("fd04::/112", "fd03::/64"), KubeadmNetworking(agent));
        await Run(shell, "dcctl network-addrpool-assign cluster-host cluster-host-ipv4  ");
        Assert.True(KubernetesDualStack(agent));
        var (serviceSubnet, podSubnet) = KubeadmNetworking(agent);
        Assert.Equal("fd04::/112,10.96.0.0/12", serviceSubnet);
        Assert.Equal("fd03::/64,172.16.0.0/16", podSubnet);
        Assert.Empty(await ConfigAlarms(shell));
        Assert.Equal(["IPv4", "IPv6", "IPv6", "IPv6", "IPv6", "IPv6", "IPv6"], (await Networks(shell)).Values.Order());

        // The revert, exactly as the tutorial writes it: awk picks each row's uuid by pool name.
        await Run(shell, """
            DEL=$(dcctl network-addrpool-list | awk '$6 == "cluster-pod-ipv4" { print $2 }') && dcctl network-addrpool-remove $DEL
            DEL=$(dcctl network-addrpool-list | awk '$6 == "cluster-service-ipv4" { print $2 }') && dcctl network-addrpool-remove $DEL
            """);
        Assert.Contains(",", CurrentArtifact(agent, Path.Combine("hosts", "controller-0", "kubelet.env")), StringComparison.Ordinal);
        await Run(shell, """
            DEL=$(dcctl network-addrpool-list | awk '$6 == "cluster-host-ipv4" { print $2 }') && dcctl network-addrpool-remove $DEL
            """);
        Assert.False(KubernetesDualStack(agent));
        Assert.Equal("KUBELET_EXTRA_ARGS=--node-ip=fd02::2\n", CurrentArtifact(agent, Path.Combine("hosts", "controller-0", "kubelet.env")));
        (serviceSubnet, podSubnet) = KubeadmNetworking(agent);
        Assert.Equal("fd04::/112", serviceSubnet);
        Assert.Equal("fd03::/64", podSubnet);
        var rows = await Json(shell, "dcctl network-addrpool-list -o json");
        Assert.DoesNotContain(rows.EnumerateArray(), r => r.GetProperty("addrpool_name").GetString()!.StartsWith("cluster-", StringComparison.Ordinal)
            && r.GetProperty("addrpool_name").GetString()!.EndsWith("-ipv4", StringComparison.Ordinal));
        Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("addrpool_name").GetString() == "oam-ipv4");
    }

    [Fact]
    public async Task Refused_platform_commands_exit_1_naming_field_and_rule_and_change_nothing()
    {
        await using var agent = await AgentProcess.StartAsync(new HostStart { Bootstrap = "bootstrap-aio-dx-ipv6.yaml" });
        using var shell = new Shell(new Dictionary<string, string> { ["DCCTL_AGENT"] = agent.Url, ["DCCTL_CONFIG"] = agent.ConfigPath });
        var before = (await Run(shell, "dcctl addrpool-list -o json")).StdOut;

        var sameFamily = await shell.RunAsync("dcctl addrpool-add oam-extra fd99:: 64 --floating-address fd99::2 --controller0-address fd99::3 --controller1-address fd99::4 >/dev/null && dcctl network-addrpool-assign oam oam-extra");
        Assert.True(sameFamily.ExitCode == 1, sameFamily.ToString());
        Assert.Contains("[N-14]", sameFamily.StdErr, StringComparison.Ordinal);
        Assert.Contains("oam-ipv6", sameFamily.StdErr, StringComparison.Ordinal);

        var lockActive = await shell.RunAsync("dcctl host-lock controller-0 --force");
        Assert.True(lockActive.ExitCode == 1, lockActive.ToString());
        Assert.Contains("[H-3]", lockActive.StdErr, StringComparison.Ordinal);

        var badPool = await shell.RunAsync("dcctl addrpool-add bad 10.10.204.1 24 --ranges 10.10.205.1-10.10.205.9 --gateway-address fd00::1");
        Assert.True(badPool.ExitCode == 1, badPool.ToString());
        Assert.Contains("network: ", badPool.StdErr, StringComparison.Ordinal);
        Assert.Contains("[N-4]", badPool.StdErr, StringComparison.Ordinal);

        var after = (await Run(shell, "dcctl addrpool-list -o json")).StdOut;
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetArrayLength() + 1, JsonDocument.Parse(after).RootElement.GetArrayLength());
        Assert.DoesNotContain("\"bad\"", after, StringComparison.Ordinal);
        Assert.Equal("unlocked", (await Host(shell, "controller-0"))["administrative"]);
    }

    private static async Task<DcctlResult> Run(Shell shell, string script)
    {
        var result = await shell.RunAsync(script);
        Assert.True(result.ExitCode == 0, $"{script}\n{result}");
        return result;
    }

    private static async Task<JsonElement> Json(Shell shell, string command) =>
        JsonDocument.Parse((await Run(shell, command)).StdOut).RootElement;

    private static async Task<Dictionary<string, string>> Networks(Shell shell) =>
        (await Json(shell, "dcctl network-list -o json")).EnumerateArray()
            .ToDictionary(n => n.GetProperty("name").GetString()!, n => n.GetProperty("primary_pool_family").GetString()!);

    private static async Task<Dictionary<string, string?>> Host(Shell shell, string host) =>
        (await Json(shell, $"dcctl host-show {host} -o json")).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

    private static async Task<string[]> ConfigAlarms(Shell shell) =>
        (await Json(shell, "dcctl alarm-list -o json")).EnumerateArray()
            .Where(a => a.GetProperty("Alarm ID").GetString() == "250.001")
            .Select(a => a.GetProperty("Entity ID").GetString()!).Order().ToArray();

    /// <summary>The current generation of the rendered artifacts, read from the agent's data directory.</summary>
    private static string CurrentArtifact(AgentProcess agent, string relative)
    {
        var root = Path.Combine(agent.DataDirectory, "artifacts");
        var generation = long.Parse(File.ReadAllText(Path.Combine(root, "current")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var directory = Directory.GetDirectories(root).Single(d => Path.GetFileName(d).EndsWith(generation.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return File.ReadAllText(Path.Combine(directory, relative));
    }

    private static (string Service, string Pod) KubeadmNetworking(AgentProcess agent)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(CurrentArtifact(agent, Path.Combine("kubeadm", "kubeadm-config.yaml"))));
        var cluster = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => d.Children[new YamlScalarNode("kind")].ToString() == "ClusterConfiguration");
        var networking = (YamlMappingNode)cluster.Children[new YamlScalarNode("networking")];
        return (networking.Children[new YamlScalarNode("serviceSubnet")].ToString(), networking.Children[new YamlScalarNode("podSubnet")].ToString());
    }

    private static bool KubernetesDualStack(AgentProcess agent)
    {
        var (service, pod) = KubeadmNetworking(agent);
        var ipam = CurrentArtifact(agent, Path.Combine("calico", "cni-ipam.json"));
        var dual = service.Contains(',', StringComparison.Ordinal) && pod.Contains(',', StringComparison.Ordinal);
        Assert.Equal(dual, ipam.Contains("\"assign_ipv4\": \"true\"", StringComparison.Ordinal) && ipam.Contains("\"assign_ipv6\": \"true\"", StringComparison.Ordinal));
        return dual;
    }
}
