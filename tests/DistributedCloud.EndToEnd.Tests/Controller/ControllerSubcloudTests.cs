using System.Net.Http;
using DistributedCloud.Contracts.Controller.V1;
using DistributedCloud.EndToEnd.Tests.Agent;
using DistributedCloud.EndToEnd.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.EndToEnd.Tests.Controller;

/// <summary>
/// A real controller (own site dual-stack, IPv6 primary) and a real agent (IPv6 single-stack simplex on [::1], also on
/// 127.0.0.1), driven through the controller's admin API with the generated clients.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class ControllerSubcloudTests
{
    /// <summary>The subcloud: IPv6 single-stack simplex.</summary>
    private const string SubcloudBootstrap = """
        system_mode: simplex
        external_oam_subnet: fd00:1::/64
        external_oam_gateway_address: fd00:1::1
        external_oam_floating_address: fd00:1::2
        management_subnet: fd01:1::/64
        software_version: "25.09"
        """;

    /// <summary>An IPv4-primary subcloud: its primary family differs from the controller's (N-34).</summary>
    private const string Ipv4Bootstrap = """
        system_mode: simplex
        external_oam_subnet: 10.30.0.0/24
        external_oam_gateway_address: 10.30.0.1
        external_oam_floating_address: 10.30.0.2
        management_subnet: 192.168.30.0/24
        software_version: "25.09"
        """;

    [Fact]
    public async Task An_ipv6_subcloud_is_added_audited_managed_and_reached_over_ipv6_and_an_ipv4_primary_one_is_refused_N34()
    {
        using var files = new TempDirectory("dc-controller-e2e");
        await using var controller = await StartControllerAsync(files);

        // The own site (empty target) is the controller's: dual-stack, IPv6 primary.
        var own = await controller.PlatformAsync((c, o) => c.GetSiteAsync(new(), o));
        Assert.Equal(V1.AddressFamily.Ipv6, own.PrimaryFamily);
        Assert.All(own.Networks.Where(n => n.Name is "oam" or "cluster-host"), n => Assert.Equal(2, n.Pools.Count));

        // D-2: added unmanaged and offline with its join token (S-2); its agent, started with the token, is enrolled at the
        // first audit, which brings it online with deploy status complete.
        var (added, enrolled) = await EnrolledAgents.AddAsync(controller, AddRequest("subcloud1", SubcloudBootstrap, 0), new HostStart
        {
            Bootstrap = files.Write("subcloud1.yaml", SubcloudBootstrap),
            ListenIPv4 = true,
            HealthEndpoint = true,
            Environment = new Dictionary<string, string> { ["Agent__LogCalls"] = "true" },
        });
        await using var agent = enrolled;
        Assert.Equal((ManagementState.Unmanaged, "not-deployed"), (added.Management, added.DeployStatus));
        var online = await controller.WaitForSubcloudAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online && s.DeployStatus == "complete");
        Assert.Equal(V1.AddressFamily.Ipv6, online.PrimaryFamily);

        var listed = await controller.CallAsync((c, o) => c.ListSubcloudsAsync(new ListSubcloudsRequest(), o));
        var row = Assert.Single(listed.Subclouds);
        Assert.Equal(("subcloud1", V1.AddressFamily.Ipv6, NetworkMode.SingleStack, "::1"), (row.Name, row.PrimaryFamily, row.NetworkMode, row.AgentAddress));

        var managed = await controller.CallAsync((c, o) => c.ManageSubcloudAsync(new ManageSubcloudRequest { Name = "subcloud1" }, o));
        Assert.Equal(ManagementState.Managed, managed.Management);

        // A subcloud target is proxied to its agent over the subcloud's primary family (N-35): the agent saw IPv6.
        var direct = await agent.GetSiteAsync();
        var proxied = await controller.PlatformAsync((c, o) => c.GetSiteAsync(new(), o), "subcloud1");
        Assert.Equal(direct.SystemUuid, proxied.SystemUuid);
        Assert.Equal((V1.AddressFamily.Ipv6, "::1", "::1"), (proxied.ArrivalFamily, proxied.ArrivalLocalAddress, proxied.ArrivalPeerAddress));
        Assert.NotEqual(own.SystemUuid, proxied.SystemUuid);

        // The agent's own record of the calls: the log line (Agent:LogCalls) and the counter by family.
        Assert.Contains("Call GetSite arrived over ipv6: local ::1, peer ::1", agent.Output, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(agent.HealthUrl!), Timeout = TimeSpan.FromSeconds(10) };
        var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
        Assert.True(metrics.Value("dc_agent_rpc_calls_total", ("family", "ipv6"), ("method", "GetSite")) >= 1, metrics.Text);
        Assert.Empty(metrics.Find("dc_agent_rpc_calls_total", ("family", "ipv4")));
        Assert.DoesNotContain("family=\"ipv4\"", metrics.Text, StringComparison.Ordinal);

        // N-34: an IPv4-primary subcloud cannot join an IPv6-primary controller; nothing is stored.
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            controller.CallAsync((c, o) => c.AddSubcloudAsync(AddRequest("subcloud4", Ipv4Bootstrap, agent.Port, "127.0.0.1"), o)));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violations = refused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Contains(violations, v => v.Reason == "N-34" && v.Field == "external_oam_subnet" && v.Description.Contains("IPv6", StringComparison.Ordinal));
        var after = await controller.CallAsync((c, o) => c.ListSubcloudsAsync(new ListSubcloudsRequest(), o));
        Assert.Equal(["subcloud1"], after.Subclouds.Select(s => s.Name));

        // Forwarding carries the controller's fencing identity, never the caller's: a claim of epoch 99 sent to the
        // controller does not reach the agent (which would otherwise record a new leader, G-10).
        await controller.PlatformAsync((c, o) => c.ListHostsAsync(new(), o), "subcloud1", new Contracts.Fencing.FencingToken("intruder", 99));
        Assert.Equal(0UL, (await agent.GetSiteAsync()).Leadership.Epoch);

        // An agent's refusal comes back through the controller with its details: every violation with its rule.
        var forwardedRefusal = await Assert.ThrowsAsync<RpcException>(() => controller.PlatformAsync((c, o) => c.AddAddressPoolAsync(
            new V1.AddAddressPoolRequest { Name = "bad", Network = "fd00:9::", Prefix = 64, FloatingAddress = "10.1.1.1" }, o), "subcloud1"));
        Assert.Equal(StatusCode.InvalidArgument, forwardedRefusal.StatusCode);
        Assert.Contains(forwardedRefusal.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Description.Contains("10.1.1.1", StringComparison.Ordinal));

        // Network changes through the controller are strategies: ApplyNetworkChange is refused, for a subcloud and the own site.
        foreach (var target in new[] { "subcloud1", null })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => controller.PlatformAsync((c, o) => c.ApplyNetworkChangeAsync(
                new V1.ApplyNetworkChangeRequest { OperationId = "direct", DryRun = true }, o), target));
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }

        // An unknown subcloud target is NOT_FOUND naming it.
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            controller.PlatformAsync((c, o) => c.ListHostsAsync(new(), o), "nosuch"));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'nosuch'", unknown.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_agent_makes_its_subcloud_offline_with_alarm_280_001_and_a_restart_clears_it_D6()
    {
        using var files = new TempDirectory("dc-controller-e2e");
        await using var controller = await StartControllerAsync(files);
        var (_, enrolled) = await EnrolledAgents.AddAsync(controller, AddRequest("subcloud1", SubcloudBootstrap, 0),
            new HostStart { Bootstrap = files.Write("subcloud1.yaml", SubcloudBootstrap) });
        await using var agent = enrolled;
        await controller.WaitForSubcloudAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online);

        Assert.Equal(0, await agent.StopAsync());
        var offline = await controller.WaitForSubcloudAsync("subcloud1", s => s.Availability == SubcloudAvailability.Offline);
        Assert.Contains("::1", offline.ErrorDescription, StringComparison.Ordinal);
        var alarms = await controller.CallAsync((c, o) => c.ListAlarmsAsync(new ListAlarmsRequest(), o));
        Assert.Contains(alarms.Alarms, a => a.AlarmId == "280.001" && a.EntityInstanceId == "subcloud=subcloud1");
        Assert.Contains(alarms.SubcloudSummaries, s => s.Subcloud == "subcloud1" && s.Critical + s.Major + s.Minor + s.Warning >= 1);
        var unreachable = await Assert.ThrowsAsync<RpcException>(() =>
            controller.PlatformAsync((c, o) => c.ListHostsAsync(new(), o), "subcloud1"));
        Assert.Equal(StatusCode.Unavailable, unreachable.StatusCode);
        Assert.Contains("subcloud1", unreachable.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"[::1]:{agent.Port}", unreachable.Status.Detail, StringComparison.Ordinal);

        // The controller's health endpoint: ready, and the audit calls counted by outcome.
        using var http = new HttpClient { BaseAddress = new Uri(controller.HealthUrl!), Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("ready\n", await http.GetStringAsync("/readyz"));
        var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
        Assert.True(metrics.Value("dc_controller_audit_calls_total", ("outcome", "failed")) >= 1, metrics.Text);
        Assert.Equal("histogram", metrics.TypeOf("dc_controller_audit_sweep_duration_seconds"));

        await agent.RestartAsync();
        await controller.WaitForSubcloudAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online);
        var cleared = await controller.CallAsync((c, o) => c.ListAlarmsAsync(new ListAlarmsRequest(), o));
        Assert.DoesNotContain(cleared.Alarms, a => a.AlarmId == "280.001");
    }

    [Fact]
    public async Task The_controllers_metrics_count_the_fleet_by_state_and_time_the_audit_sweeps()
    {
        using var files = new TempDirectory("dc-controller-e2e");
        await using var controller = await StartControllerAsync(files);
        using var http = new HttpClient { BaseAddress = new Uri(controller.HealthUrl!), Timeout = TimeSpan.FromSeconds(10) };

        // No subcloud yet: every state is there, at zero, and there is no strategy.
        var empty = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
        Assert.Equal("gauge", empty.TypeOf("dc_controller_subclouds_availability"));
        Assert.Equal((0, 0), (empty.Value("dc_controller_subclouds_availability", ("availability", "online")), empty.Value("dc_controller_subclouds_availability", ("availability", "offline"))));
        Assert.Equal(0, empty.Sum("dc_controller_subclouds_management"));
        Assert.Equal(0, empty.Value("dc_controller_alarms", ("severity", "critical")));
        Assert.Equal(1, empty.Value("dc_controller_strategy_state", ("state", "none")));
        Assert.Equal(0, empty.Value("dc_controller_strategy_state", ("state", "applying")));
        Assert.Equal((0, 0), (empty.Value("dc_controller_strategy_step_states", ("state", "succeeded")), empty.Value("dc_controller_strategy_step_states", ("state", "failed"))));
        Assert.Equal(0, empty.Value("dc_controller_strategy_subcloud_states", ("state", "failed")));

        // One IPv6 single-stack subcloud, online, managed, in sync.
        var (_, enrolled) = await EnrolledAgents.AddAsync(controller, AddRequest("subcloud1", SubcloudBootstrap, 0),
            new HostStart { Bootstrap = files.Write("subcloud1.yaml", SubcloudBootstrap) });
        await using var agent = enrolled;
        await controller.WaitForSubcloudAsync("subcloud1", s => s.Availability == SubcloudAvailability.Online);
        await controller.CallAsync((c, o) => c.ManageSubcloudAsync(new ManageSubcloudRequest { Name = "subcloud1" }, o));
        await controller.WaitForSubcloudAsync("subcloud1", s => s.Sync == SyncStatus.InSync);

        var fleet = await ScrapeUntilAsync(http, m => m.Value("dc_controller_subclouds_sync", ("sync", "in-sync")) == 1);
        Assert.Equal((1, 0), (fleet.Value("dc_controller_subclouds_availability", ("availability", "online")), fleet.Value("dc_controller_subclouds_availability", ("availability", "offline"))));
        Assert.Equal((1, 0), (fleet.Value("dc_controller_subclouds_management", ("management", "managed")), fleet.Value("dc_controller_subclouds_management", ("management", "unmanaged"))));
        Assert.Equal((0, 0), (fleet.Value("dc_controller_subclouds_sync", ("sync", "out-of-sync")), fleet.Value("dc_controller_subclouds_sync", ("sync", "unknown"))));
        Assert.Equal(1, fleet.Value("dc_controller_subclouds_network_mode", ("network_mode", "single-stack"), ("primary_family", "ipv6")));
        Assert.Equal(0, fleet.Sum("dc_controller_subclouds_network_mode", ("network_mode", "dual-stack")));
        Assert.Equal(0, fleet.Sum("dc_controller_alarms"));
        // The audit loop times its sweeps (a histogram in seconds).
        Assert.Equal("histogram", fleet.TypeOf("dc_controller_audit_sweep_duration_seconds"));
        Assert.True(fleet.Value("dc_controller_audit_sweep_duration_seconds_count") >= 2, fleet.Text);
        Assert.Equal(fleet.Value("dc_controller_audit_sweep_duration_seconds_count"), fleet.Value("dc_controller_audit_sweep_duration_seconds_bucket", ("le", "+Inf")));

        // Prometheus asks for OpenMetrics first: there, every metric family appears once (a gauge may not share its
        // family with a counter's name less "_total"), and the text ends with "# EOF".
        using var openMetrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        openMetrics.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        var om = await (await http.SendAsync(openMetrics)).Content.ReadAsStringAsync();
        var families = om.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToArray();
        Assert.Equal(families.Distinct(StringComparer.Ordinal).Count(), families.Length);
        Assert.Contains("dc_controller_subclouds_availability", families);
        Assert.EndsWith("# EOF\n", om, StringComparison.Ordinal);

        // Its agent stops: offline, with the critical alarm 280.001, still managed.
        Assert.Equal(0, await agent.StopAsync());
        await controller.WaitForSubcloudAsync("subcloud1", s => s.Availability == SubcloudAvailability.Offline);
        var offline = await ScrapeUntilAsync(http, m => m.Value("dc_controller_alarms", ("severity", "critical")) == 1);
        Assert.Equal((0, 1), (offline.Value("dc_controller_subclouds_availability", ("availability", "online")), offline.Value("dc_controller_subclouds_availability", ("availability", "offline"))));
        Assert.Equal(1, offline.Value("dc_controller_subclouds_management", ("management", "managed")));
        Assert.Equal(1, offline.Value("dc_controller_subclouds_sync", ("sync", "unknown")));
        Assert.Equal(1, offline.Value("dc_controller_ready"));
    }

    /// <summary>Scrapes /metrics until <paramref name="done"/> holds (the fleet gauges read the store at most once in 5 s).</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient http, Func<PrometheusText, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var metrics = PrometheusText.Parse(await http.GetStringAsync("/metrics"));
            if (done(metrics))
            {
                return metrics;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the scrape did not reach the expected numbers within 30 s:\n{metrics.Text}");
            await Task.Delay(500);
        }
    }

    private static async Task<ControllerProcess> StartControllerAsync(TempDirectory files) =>
        await ControllerProcess.StartAsync(new HostStart
        {
            Bootstrap = files.Write("controller.yaml", BootstrapFixtures.SystemController),
            HealthEndpoint = true,
            Environment = new Dictionary<string, string>
            {
                ["Audit__AvailabilityInterval"] = "00:00:01",
                ["Audit__SyncInterval"] = "00:00:01",
                ["Audit__CallTimeout"] = "00:00:02",
            },
        });

    private static AddSubcloudRequest AddRequest(string name, string yaml, int port, string address = "::1") => new()
    {
        Name = name,
        BootstrapYaml = yaml,
        AgentAddress = address,
        AgentPort = (uint)port,
    };
}
