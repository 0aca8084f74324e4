using System.Text.Json;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using DistributedCloud.Networking.Addressing;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Fleet;

/// <summary>
/// The system controller end to end: a real controller and three real agents on loopback (<see cref="FleetFixture"/>),
/// driven through <c>dcctl --controller URL ... -o json</c>. The facts share the fleet; each strategy fact starts from
/// whatever mode the two single-stack subclouds are in and converts them (<see cref="FleetFixture.CreateConversionAsync"/>),
/// so they do not depend on their order.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed partial class FleetTests(FleetFixture fleet) : IClassFixture<FleetFixture>
{
    private const string Simplex = FleetFixture.Simplex;
    private const string Duplex = FleetFixture.Duplex;
    private const string DualStack = FleetFixture.DualStack;

    /// <summary>N-30: the duplex sequence after an oam change, standby first.</summary>
    private static readonly string[] DuplexHostSequence =
        ["lock controller-1", "unlock controller-1", "swact controller-0", "lock controller-0", "unlock controller-0", "swact controller-1"];

    [Fact]
    public async Task Three_ipv6_primary_subclouds_are_added_audited_and_managed_and_an_ipv4_primary_site_is_refused_with_nothing_stored_D2_D3_N34()
    {
        // D-2: a new subcloud is unmanaged, offline and not deployed until its agent answers.
        foreach (var name in FleetFixture.Names)
        {
            var added = JsonDocument.Parse(fleet.Added[name].StdOut).RootElement;
            Assert.Equal(("unmanaged", "offline", "not-deployed"), (Text(added, "management"), Text(added, "availability"), Text(added, "deploy status")));
            Assert.Equal("managed", Text(JsonDocument.Parse(fleet.Managed[name].StdOut).RootElement, "management"));
        }

        var list = await fleet.ListAsync();
        Assert.Equal(FleetFixture.Names, list.Keys.Order());
        foreach (var row in list.Values)
        {
            Assert.Equal(("managed", "online", "complete", "in-sync", "IPv6"),
                (Text(row, "management"), Text(row, "availability"), Text(row, "deploy status"), Text(row, "sync"), Text(row, "primary family")));
        }

        // The two single-stack subclouds and the dual one; the list is taken before any strategy of the other facts
        // only if this fact runs first, so the modes are checked against the agents' own sites instead.
        foreach (var name in FleetFixture.Names)
        {
            var site = await fleet.Agents[name].GetSiteAsync();
            var dual = site.Networks.Any(n => n.Name == "oam" && n.Pools.Count == 2);
            Assert.Equal(dual ? "dual-stack" : "single-stack IPv6", Text(list[name], "network mode"));
        }

        // N-34: an IPv4-primary site cannot join an IPv6-primary controller: exit 1, the reason printed, nothing stored.
        var refused = await fleet.Ctl("subcloud", "add", "subcloud4", "--bootstrap", fleet.File("ipv4.yaml"), "--agent-address", "127.0.0.1",
            "--port", fleet.Agents[Simplex].Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", "json");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("external_oam_subnet: subcloud 'subcloud4' has an IPv4 primary OAM network but the system controller's is IPv6", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("[N-34]", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, refused.StdOut);
        Assert.Equal(FleetFixture.Names, (await fleet.ListAsync()).Keys.Order());
        var shown = await fleet.Ctl("subcloud", "show", "subcloud4", "-o", "json");
        Assert.NotEqual(0, shown.ExitCode);
        Assert.Contains("subcloud4", shown.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(fleet.Controller.Output.Split('\n'), l => l.Contains("[6010]", StringComparison.Ordinal) && l.Contains("subcloud4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_controller_reaches_every_agent_over_ipv6_though_ipv4_answers_too_N35()
    {
        foreach (var name in FleetFixture.Names)
        {
            var agent = fleet.Agents[name];

            // Through the controller (dc-subcloud metadata): the agent saw the call arrive over IPv6 from ::1.
            var proxied = await fleet.Controller.PlatformAsync((c, o) => c.GetSiteAsync(new(), o), name);
            Assert.Equal((V1.AddressFamily.Ipv6, "::1", "::1"), (proxied.ArrivalFamily, proxied.ArrivalLocalAddress, proxied.ArrivalPeerAddress));
            Assert.Equal((await agent.GetSiteAsync()).SystemUuid, proxied.SystemUuid);

            // The agent's own call log (event 5040): audits and proxied calls, all over IPv6, none over IPv4 so far.
            Assert.Contains("Call GetSite arrived over ipv6: local ::1, peer ::1", agent.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("arrived over ipv4", agent.Output, StringComparison.Ordinal);

            // IPv4 answers as well: the controller chose IPv6 (N-35), it did not have to.
            var overIpv4 = await agent.GetSiteAsync(family: IpFamily.IPv4);
            Assert.Equal((V1.AddressFamily.Ipv4, "127.0.0.1"), (overIpv4.ArrivalFamily, overIpv4.ArrivalPeerAddress));
        }

        // A platform command on a subcloud through the controller (D-25): the duplex subcloud's two controllers.
        var hosts = await fleet.Json("--subcloud", Duplex, "host-list");
        Assert.Equal(["controller-0", "controller-1"], hosts.EnumerateArray().Select(h => Text(h, "hostname")).Order());
    }

    [Fact]
    public async Task A_host_lock_on_a_subcloud_runs_through_the_controller_and_a_refusal_comes_back_with_the_agents_reason_D19()
    {
        var agent = fleet.Agents[Duplex];
        var hosts = (await agent.GetSiteAsync()).Hosts;
        var standby = hosts.Single(h => h.Role == V1.ControllerRole.Standby).Hostname;
        var active = hosts.Single(h => h.Role == V1.ControllerRole.Active).Hostname;

        // D-19: queued as a workflow at the controller, driven on the agent; dcctl waits for the host as usual.
        var locked = await fleet.Ctl("--subcloud", Duplex, "host-lock", standby);
        Assert.True(locked.ExitCode == 0, $"host-lock {standby} through the controller:\n{locked}");
        Assert.Equal(V1.AdministrativeState.Locked, (await agent.GetSiteAsync()).Hosts.Single(h => h.Hostname == standby).Administrative);

        // The active controller cannot be locked (hosts.md): the agent's refusal reaches the caller, nothing changes.
        var refused = await fleet.Ctl("--subcloud", Duplex, "host-lock", active);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"lock of '{active}' on subcloud '{Duplex}' was refused", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(V1.AdministrativeState.Unlocked, (await agent.GetSiteAsync()).Hosts.Single(h => h.Hostname == active).Administrative);

        var unlocked = await fleet.Ctl("--subcloud", Duplex, "host-unlock", standby);
        Assert.True(unlocked.ExitCode == 0, $"host-unlock {standby} through the controller:\n{unlocked}");
        Assert.Equal(V1.AdministrativeState.Unlocked, (await agent.GetSiteAsync()).Hosts.Single(h => h.Hostname == standby).Administrative);
    }

    [Fact]
    public async Task A_dual_stack_strategy_converts_the_single_stack_subclouds_with_ipv6_first_and_the_reverse_brings_them_back_D12_N30_N31()
    {
        if (await fleet.CreateConversionAsync() == "single-stack")
        {
            // Another fact left them dual-stack: bring them back first.
            await ApplyAsync();
        }

        Assert.Equal(0, (await fleet.Ctl("strategy", "delete")).ExitCode);
        var created = await fleet.Json("strategy", "create", "network-mode", "--target", "dual-stack", "--secondary-subnets", fleet.File("secondary.yaml"));

        // D-12: the plan up front. The dual-stack subcloud is not eligible and the plan says why.
        Assert.Equal("initial", Text(created, "state"));
        var skipped = Assert.Single(created.GetProperty("skipped").EnumerateArray());
        Assert.Equal((DualStack, "already dual-stack; the secondary-subnets file has no entry for it"), (Text(skipped, "subcloud"), Text(skipped, "reason")));
        var plan = await fleet.Json("strategy", "show");
        var steps = Steps(plan);
        Assert.Equal([Simplex, Duplex], steps.Keys);

        // The simplex subcloud's mgmt changes only while its controller is locked: lock first, unlock last.
        var simplex = steps[Simplex];
        Assert.Equal("lock controller-0", simplex[0]);
        Assert.Equal("unlock controller-0", simplex[^1]);
        Assert.Contains("add pool management-ipv4 (192.168.201.0/24)", simplex);
        Assert.Contains("assign cluster-service-subnet-ipv4 to cluster-service", simplex);

        // N-30: the duplex subcloud's pools, then lock/unlock the standby, swact, lock/unlock the other, swact back.
        var duplex = steps[Duplex];
        Assert.Equal("add pool oam-ipv4 (10.20.2.0/24)", duplex[0]);
        Assert.Equal(DuplexHostSequence, duplex[^6..]);
        Assert.All(plan.GetProperty("subclouds").EnumerateArray(), s =>
            Assert.Equal(Enumerable.Range(1, s.GetProperty("steps").GetArrayLength()), s.GetProperty("steps").EnumerateArray().Select(x => x.GetProperty("#").GetInt32())));
        var table = await fleet.Ctl("strategy", "show");
        Assert.Contains("not eligible", table.StdOut, StringComparison.Ordinal);
        Assert.Contains("| subcloud3 | already dual-stack; the secondary-subnets file has no entry for it |", table.StdOut, StringComparison.Ordinal);

        // Applied and followed: progress lines on stderr, the final plan on stdout, exit 0.
        var applied = await fleet.Ctl("strategy", "apply", "-o", "json");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var progress = applied.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("applying, 2 subclouds: ", progress[0], StringComparison.Ordinal);
        Assert.Contains(progress, l => l.Contains($"{Duplex}: step ", StringComparison.Ordinal) && l.Contains("/14 ", StringComparison.Ordinal));
        Assert.Contains(progress, l => l.Contains($"{Simplex}: step 1/12 lock controller-0", StringComparison.Ordinal));
        Assert.Equal("dcctl: network-mode strategy complete, 2 subclouds: 2 done, 0 failed, 0 running, 0 paused, 0 pending", progress[^1]);
        var final = JsonDocument.Parse(applied.StdOut).RootElement;
        Assert.Equal("complete", Text(final, "state"));
        Assert.All(final.GetProperty("subclouds").EnumerateArray().SelectMany(s => s.GetProperty("steps").EnumerateArray()), s => Assert.Equal("succeeded", Text(s, "state")));

        await AssertModesAsync(dualStack: true);

        // N-31: back to single-stack, and Kubernetes single-stack again.
        Assert.Equal("single-stack", await fleet.CreateConversionAsync());
        await ApplyAsync();
        await AssertModesAsync(dualStack: false);
    }

    [Fact]
    public async Task The_strategy_runs_the_same_over_a_real_rabbitmq_broker_D21()
    {
        var transport = RabbitMqTransport();
        await fleet.RestartControllerAsync(transport);
        try
        {
            var expected = transport.Count == 0 ? "InMemory" : "RabbitMq";
            Assert.Contains($"Workflow bus on {expected} transport", fleet.Controller.Output, StringComparison.Ordinal);
            await fleet.WaitInSyncAsync(FleetFixture.Names);
            var target = await fleet.CreateConversionAsync();
            await ApplyAsync();
            await AssertModesAsync(dualStack: target == "dual-stack");
        }
        finally
        {
            await fleet.RestartControllerAsync(new Dictionary<string, string>());
            await fleet.WaitInSyncAsync(FleetFixture.Names);
        }
    }

    /// <summary>
    /// The broker <c>scripts/test</c> starts (<c>DC_TEST_RABBITMQ=amqp://user:password@127.0.0.1:PORT/</c>). Without it
    /// the fact fails, unless <c>DC_TEST_ALLOW_NO_RABBITMQ=1</c> says the in-memory transport is intended.
    /// </summary>
    private static Dictionary<string, string> RabbitMqTransport()
    {
        var url = Environment.GetEnvironmentVariable("DC_TEST_RABBITMQ");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.True(Environment.GetEnvironmentVariable("DC_TEST_ALLOW_NO_RABBITMQ") == "1",
                "DC_TEST_RABBITMQ is not set: run the tests through scripts/test (it starts a loopback RabbitMQ), "
                + "or set DC_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:5672/ for a broker of your own, "
                + "or DC_TEST_ALLOW_NO_RABBITMQ=1 to run this on the in-memory transport instead.");
            return [];
        }

        var uri = new Uri(url);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = uri.Host,
            ["Bus__RabbitMq__Port"] = (uri.IsDefaultPort ? 5672 : uri.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = virtualHost.Length == 0 ? "/" : virtualHost,
            ["Bus__RabbitMq__Username"] = credentials[0],
            ["Bus__RabbitMq__Password"] = credentials.Length > 1 ? credentials[1] : string.Empty,
        };
    }

    /// <summary><c>strategy apply -o json</c> to its end: exit 0 and complete.</summary>
    private async Task ApplyAsync()
    {
        var applied = await fleet.Ctl("strategy", "apply", "-o", "json");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("complete", Text(JsonDocument.Parse(applied.StdOut).RootElement, "state"));
    }

    /// <summary>
    /// After a conversion: both subclouds in the mode (subcloud list, in sync once audited against the new plan), and
    /// their rendered Kubernetes networking dual-stack with IPv6 (the primary family) first, or IPv6 only.
    /// </summary>
    private async Task AssertModesAsync(bool dualStack)
    {
        await fleet.WaitInSyncAsync([Simplex, Duplex]);
        var list = await fleet.ListAsync();
        foreach (var (name, n) in new[] { (Simplex, 1), (Duplex, 2) })
        {
            Assert.Equal((dualStack ? "dual-stack" : "single-stack IPv6", "in-sync", "IPv6", "online"),
                (Text(list[name], "network mode"), Text(list[name], "sync"), Text(list[name], "primary family"), Text(list[name], "availability")));
            var kubernetes = RenderedKubernetes.Read(fleet.Agents[name]);
            var service = dualStack ? $"fd04:{n}::/112,10.9{6 + n}.0.0/16" : $"fd04:{n}::/112";
            var pod = dualStack ? $"fd03:{n}::/64,172.{16 + n}.0.0/16" : $"fd03:{n}::/64";
            Assert.Equal((service, pod, dualStack, true), (kubernetes.ServiceSubnet, kubernetes.PodSubnet, kubernetes.CalicoIpv4, kubernetes.CalicoIpv6));
        }

        Assert.Equal("dual-stack", Text(list[DualStack], "network mode"));
    }

    /// <summary>Per subcloud of a <c>strategy show -o json</c>, its step names in order.</summary>
    private static Dictionary<string, string[]> Steps(JsonElement strategy) =>
        strategy.GetProperty("subclouds").EnumerateArray().ToDictionary(
            s => Text(s, "subcloud"),
            s => s.GetProperty("steps").EnumerateArray().OrderBy(x => x.GetProperty("#").GetInt32()).Select(x => Text(x, "step")).ToArray());

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
