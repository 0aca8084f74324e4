using System.Text.Json;
using DistributedCloud.Testbed.Tests.Infrastructure;

namespace DistributedCloud.Testbed.Tests;

/// <summary>
/// The real system controllers of the bed (ctl6: IPv6 primary, ctl4: IPv4 primary, each with its workflow bus on
/// RabbitMQ in mq) driving the real agents, all through dcctl inside the controller's namespace. The scenarios run in
/// their <see cref="StepAttribute"/> order because later ones start where earlier ones left the fleet; each one makes
/// its own starting point when it is missing, so any of them can also run alone.
/// </summary>
[Collection(BedCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class ControllerScenarioTests(TestbedFixture bed)
{
    private static readonly TimeSpan StrategyTime = TimeSpan.FromMinutes(3);
    private readonly ControllerFleet _fleet = new(bed);

    // Secondary subnets for the conversions, from ranges no bed bootstrap file uses (198.18.0.0/15, 2001:db8::/32).
    private const string ClusterHostIPv4 = """
        sc-v6:
          cluster_host_subnet: 198.19.255.0/24
        """;

    private const string ClusterHostIPv6 = """
        sc-v4:
          cluster_host_subnet: 2001:db8:231::/64
        """;

    // sc-dual6's own IPv4 cluster-host (its bootstrap file's), to give it back after the link-cut scenario removed it.
    private const string ClusterHostDual6 = """
        sc-dual6:
          cluster_host_subnet: 198.19.253.0/24
        """;

    private const string OamIPv4 = """
        sc-v6:
          external_oam_subnet: 198.18.132.0/24
          external_oam_gateway_address: 198.18.132.1
          external_oam_floating_address: 198.18.132.2
          external_oam_node_0_address: 198.18.132.3
          external_oam_node_1_address: 198.18.132.4
        """;

    private const string OamIPv6 = """
        sc-v4:
          external_oam_subnet: 2001:db8:131::/64
          external_oam_gateway_address: 2001:db8:131::1
          external_oam_floating_address: 2001:db8:131::2
          external_oam_node_0_address: 2001:db8:131::3
          external_oam_node_1_address: 2001:db8:131::4
        """;

    [BedTheory]
    [Step(1)]
    [InlineData("ctl6", "sc-dual4")]
    [InlineData("ctl6", "sc-v4")]
    [InlineData("ctl4", "sc-dual6")]
    [InlineData("ctl4", "sc-v6")]
    public async Task A_controller_refuses_a_subcloud_of_the_other_primary_family_at_add_and_stores_nothing_N34(string controller, string subcloud)
    {
        RequireControllers();
        var before = await _fleet.ListAsync(controller);

        var add = await _fleet.AddAsync(controller, subcloud);

        var site = bed[subcloud];
        Assert.True(add.ExitCode == 1, $"adding {subcloud} to {controller} must be refused (exit 1):\n{add}");
        Assert.Contains(
            $"management_subnet: subcloud '{subcloud}' has an {Family(site.Primary)} primary mgmt network but the system controller's management network is " +
            $"{Family(bed[controller].Primary)}; they must share the primary family [N-34]", add.StdErr, StringComparison.Ordinal);
        var after = await _fleet.ListAsync(controller);
        Assert.DoesNotContain(subcloud, after.Keys);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        bed.Outcome("N-34 refusal", $"{controller} refused {subcloud} ({site.Primary} primary) at add; subcloud list unchanged ({after.Count} subclouds)");
    }

    [BedTheory]
    [Step(1)]
    [InlineData("ctl6", "sc-dual6")]
    [InlineData("ctl4", "sc-dual4")]
    public async Task Adding_a_dual_stack_subcloud_by_its_secondary_family_agent_address_is_refused_N35(string controller, string subcloud)
    {
        RequireControllers();
        var site = bed[subcloud];
        var before = await _fleet.ListAsync(controller);

        var add = await _fleet.AddAsync(controller, subcloud, site.Secondary);

        Assert.True(add.ExitCode == 1, $"adding {subcloud} by its {site.Secondary} address must be refused (exit 1):\n{add}");
        Assert.Contains(
            $"agent_address: agent address {site.Address(site.Secondary)} of subcloud '{subcloud}' is {Family(site.Secondary)}, but the controller talks to " +
            $"subclouds over their primary family, {Family(site.Primary)}", add.StdErr, StringComparison.Ordinal);
        Assert.Contains("[N-35]", add.StdErr, StringComparison.Ordinal);
        var after = await _fleet.ListAsync(controller);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        bed.Outcome("N-35 refusal", $"{controller} refused {subcloud} by its {site.Secondary} agent address; subcloud list unchanged");
    }

    [BedTheory]
    [Step(2)]
    [InlineData("ctl6")]
    [InlineData("ctl4")]
    public async Task Each_controller_adds_the_subclouds_of_its_primary_family_and_every_call_to_them_arrives_on_that_family_N34_N35(string controller)
    {
        RequireControllers();
        var family = bed[controller].Primary;
        var dual = ControllerFleet.SubcloudsOf[controller].Select(s => bed[s]).Single(s => s.IsDualStack);
        // Added first: adding restarts the agent to enroll it (S-2), which resets its call counter.
        await _fleet.EnsureAddedAsync(controller);
        var callsBefore = await bed.CallsSeenAsync(dual.Name);
        var logged = bed.ConnectionsLogged(dual.Name).Count;

        await _fleet.EnsureManagedAsync(controller);

        var list = await _fleet.ListAsync(controller);
        foreach (var subcloud in ControllerFleet.SubcloudsOf[controller])
        {
            var row = list[subcloud];
            Assert.Equal(("managed", "online", "complete", "in-sync", Family(family)), (row.Management, row.Availability, row.DeployStatus, row.Sync, row.PrimaryFamily));
        }

        // The controller's own calls (add, audits, manage) as the dual-stack agent recorded them: at least a few audits.
        var fromController = await WaitForCallsAsync(dual.Name, logged, bed[controller], minimum: 3);
        var callsAfter = await bed.CallsSeenAsync(dual.Name);
        Assert.All(fromController, c => Assert.Equal((family, dual.PrimaryAddress, bed[controller].PrimaryAddress), (c.Family, c.Local, c.Peer)));
        var (primaryDelta, secondaryDelta) = family == "ipv6"
            ? (callsAfter.IPv6 - callsBefore.IPv6, callsAfter.IPv4 - callsBefore.IPv4)
            : (callsAfter.IPv4 - callsBefore.IPv4, callsAfter.IPv6 - callsBefore.IPv6);
        Assert.True(primaryDelta > 0, $"{dual.Name} counted no {family} call while {controller} added and audited it");
        Assert.Equal(0L, secondaryDelta);

        // ...although the secondary answers from the same host when dialed on purpose.
        var secondary = await bed.ProbeOnceAsync(controller, dual.AgentUrl(dual.Secondary));
        Assert.Equal(("OK", dual.Secondary), (secondary.Outcome, secondary.ArrivalFamily));
        bed.Outcome("controller adds", $"{controller} added {string.Join(", ", ControllerFleet.SubcloudsOf[controller])}: online, managed, in-sync; " +
            $"{dual.Name} counted {primaryDelta} {family} call(s) and 0 {dual.Secondary} from it (its {dual.Secondary} answers when dialed on purpose)");
    }

    [BedFact]
    [Step(2)]
    public async Task Each_controller_consumes_its_workflows_from_its_own_RabbitMQ_virtual_host_D21()
    {
        RequireControllers();
        foreach (var controller in ControllerFleet.SubcloudsOf.Keys)
        {
            var queues = await ControllerFleet.Expect(bed.ScriptAsync("rabbitmq-queues", controller));
            var queue = queues.StdOut.Split('\n').Select(l => l.Split('\t')).Single(f => f[0] == "dc-controller-run-workflow");
            Assert.Equal("1", queue[2].Trim()); // one consumer: this controller, and only it
            Assert.Contains($"Bus started: rabbitmq://{MqHost(controller)}/{controller}", ControllerLog(controller), StringComparison.Ordinal);
        }

        bed.Outcome("bus", "ctl6 and ctl4 each consume dc-controller-run-workflow in their own RabbitMQ virtual host (ctl6 over IPv6, ctl4 over IPv4)");
    }

    [BedTheory]
    [Step(3)]
    [InlineData("ctl6", "sc-v6", ClusterHostIPv4)]
    [InlineData("ctl4", "sc-v4", ClusterHostIPv6)]
    public async Task A_controller_converts_a_single_stack_subcloud_to_dual_stack_and_back_over_RabbitMQ_D12_D21(string controller, string subcloud, string secondary)
    {
        RequireControllers();
        await _fleet.EnsureManagedAsync(controller);
        var site = bed[subcloud];
        var pool = $"cluster-host-subnet-{site.Secondary}";
        var file = _fleet.SecondarySubnetsFile($"{subcloud}-cluster-host", secondary);

        var plan = await _fleet.CreateStrategyAsync(controller, "--target", "dual-stack", "--subclouds", subcloud, "--networks", "cluster-host", "--secondary-subnets", file);
        // cluster-host takes its secondary at runtime: two pool steps, no host step.
        Assert.Equal(2, plan[subcloud].Steps.Count);
        Assert.DoesNotContain(plan[subcloud].Steps, s => s.IsHostAction);
        var up = await ApplyAsync(controller);
        Assert.Equal("complete", up.State);
        Assert.Contains(pool, await ClusterHostPoolsAsync(controller, subcloud));
        await _fleet.WaitForSubcloudAsync(controller, subcloud, r => r.Sync == "in-sync", "in-sync with its dual-stack plan", TimeSpan.FromSeconds(30));

        await _fleet.CreateStrategyAsync(controller, "--target", "single-stack", "--subclouds", subcloud, "--networks", "cluster-host");
        var down = await ApplyAsync(controller);
        Assert.Equal("complete", down.State);
        Assert.DoesNotContain(pool, await ClusterHostPoolsAsync(controller, subcloud));
        await _fleet.WaitForSubcloudAsync(controller, subcloud, r => r.Sync == "in-sync", "in-sync with its single-stack plan", TimeSpan.FromSeconds(30));
        bed.Outcome("fleet conversion", $"{controller}: {subcloud} cluster-host to dual-stack ({pool}) and back, both strategies complete over RabbitMQ, in-sync after each");
    }

    [BedFact]
    [Step(4)]
    public async Task A_controller_killed_mid_strategy_finishes_it_after_restart_and_no_step_runs_twice_D18_D20()
    {
        RequireControllers();
        await _fleet.EnsureManagedAsync("ctl6");
        await ResetOamToSingleStackAsync("ctl6", "sc-v6");
        await _fleet.CreateStrategyAsync("ctl6", "--target", "dual-stack", "--subclouds", "sc-v6", "--networks", "oam",
            "--secondary-subnets", _fleet.SecondarySubnetsFile("oam-ipv4", OamIPv4));
        await _fleet.ApplyNoWaitAsync("ctl6");
        var killedAt = await _fleet.WaitForStrategyAsync("ctl6", s => s["sc-v6"].Current is { IsHostAction: true, State: "running" },
            "a host step of sc-v6 running", StrategyTime);

        await ControllerFleet.Expect(bed.ScriptAsync("controller-kill", "ctl6"));
        await ControllerFleet.Expect(bed.ScriptAsync("controller-start", "ctl6"));
        var end = await _fleet.WaitForEndAsync("ctl6", StrategyTime);

        Assert.True(end.State == "complete", end.ToString());
        Assert.All(end["sc-v6"].Steps, s => Assert.Equal("succeeded", s.State));
        var started = StartedOnce(end, "sc-v6");
        Assert.Equal(end["sc-v6"].Steps.Count(s => s.IsHostAction), started);
        Assert.Contains("198.18.132.0/24", (await _fleet.ShowSubcloudAsync("ctl6", "sc-v6"))["oam subnets"], StringComparison.Ordinal);
        bed.Outcome("controller kill -9 mid-strategy", $"ctl6 killed during '{killedAt["sc-v6"].Current!.Step}' of sc-v6 and restarted: strategy complete, " +
            $"{started} host actions each started once on the agent");
    }

    [BedFact]
    [Step(5)]
    public async Task A_subcloud_cut_off_mid_strategy_goes_offline_and_pauses_while_the_other_finishes_and_it_finishes_once_restored_D6_D17()
    {
        RequireControllers();
        await _fleet.EnsureManagedAsync("ctl6");
        await EnsureClusterHostDualStackAsync("ctl6", "sc-v6", ClusterHostIPv4);
        await EnsureClusterHostDualStackAsync("ctl6", "sc-dual6", ClusterHostDual6);
        await _fleet.CreateStrategyAsync("ctl6", "--target", "single-stack", "--subclouds", "sc-dual6,sc-v6", "--networks", "cluster-host");

        // The cable is pulled as the strategy starts: sc-dual6 is still online for the controller (two audits must
        // fail first, D-6) when its first step goes out, so that step is under way when the subcloud drops.
        await ControllerFleet.Expect(bed.ScriptAsync("cut", "sc-dual6"));
        StrategyView whileCut;
        try
        {
            await _fleet.ApplyNoWaitAsync("ctl6");
            await _fleet.WaitForSubcloudAsync("ctl6", "sc-dual6", r => r.Availability == "offline", "offline (D-6)", TimeSpan.FromSeconds(60));
            await _fleet.WaitForStrategyAsync("ctl6", s => s["sc-dual6"].State == "paused", "sc-dual6 paused (D-17)", TimeSpan.FromSeconds(60));
            whileCut = await _fleet.WaitForStrategyAsync("ctl6", s => s["sc-v6"].State is "succeeded" or "failed", "sc-v6 finished", StrategyTime);
        }
        finally
        {
            await ControllerFleet.Expect(bed.ScriptAsync("restore", "sc-dual6"));
        }

        Assert.Equal(("succeeded", "paused", "applying"), (whileCut["sc-v6"].State, whileCut["sc-dual6"].State, whileCut.State));
        await _fleet.WaitForSubcloudAsync("ctl6", "sc-dual6", r => r.Availability == "online", "online again", TimeSpan.FromSeconds(60));
        var end = await _fleet.WaitForEndAsync("ctl6", StrategyTime);
        Assert.True(end.State == "complete", end.ToString());
        Assert.All(end.Subclouds.SelectMany(s => s.Steps), s => Assert.Equal("succeeded", s.State));
        Assert.DoesNotContain("cluster-host-subnet-ipv4", await ClusterHostPoolsAsync("ctl6", "sc-dual6"));
        bed.Outcome("link cut mid-strategy", "sc-dual6 cut as its cluster-host step went out: offline, paused; sc-v6 finished meanwhile; " +
            "restored: online, sc-dual6 finished, strategy complete");

        // Leave sc-dual6 as its bootstrap file made it.
        await EnsureClusterHostDualStackAsync("ctl6", "sc-dual6", ClusterHostDual6);
    }

    [BedFact]
    [Step(6)]
    public async Task RabbitMQ_stopped_mid_strategy_loses_no_workflow_and_the_strategy_completes_once_it_is_back_D20_D21()
    {
        RequireControllers();
        await _fleet.EnsureManagedAsync("ctl6");
        await EnsureOamDualStackAsync("ctl6", "sc-v6");
        // sc-v6's oam back to single-stack: a lock/unlock sequence long enough to stop the broker in the middle.
        await _fleet.CreateStrategyAsync("ctl6", "--target", "single-stack", "--subclouds", "sc-v6", "--networks", "oam");
        await _fleet.ApplyNoWaitAsync("ctl6");
        var atStop = await _fleet.WaitForStrategyAsync("ctl6", s => s["sc-v6"].Current is { IsHostAction: true, State: "running" },
            "a host step of sc-v6 running", StrategyTime);

        var logged = ControllerLog("ctl6").Length;
        await ControllerFleet.Expect(bed.ScriptAsync("rabbitmq-stop"));
        StrategyView whileStopped;
        try
        {
            // The controller has noticed: its bus reports the broker unreachable (the running consume is cancelled).
            await WaitForAsync(() => ControllerLog("ctl6")[logged..].Contains("Broker unreachable", StringComparison.Ordinal),
                "ctl6's bus reporting the broker unreachable", TimeSpan.FromSeconds(60));
            whileStopped = await _fleet.ShowAsync("ctl6");
        }
        finally
        {
            await ControllerFleet.Expect(bed.ScriptAsync("rabbitmq-start"));
        }

        Assert.Equal("applying", whileStopped.State);
        var end = await _fleet.WaitForEndAsync("ctl6", StrategyTime);
        Assert.True(end.State == "complete", end.ToString());
        Assert.All(end["sc-v6"].Steps, s => Assert.Equal("succeeded", s.State));
        var started = StartedOnce(end, "sc-v6");
        Assert.DoesNotContain(",", (await _fleet.ShowSubcloudAsync("ctl6", "sc-v6"))["oam subnets"], StringComparison.Ordinal);
        bed.Outcome("RabbitMQ stop mid-strategy", $"broker stopped during '{atStop["sc-v6"].Current!.Step}' of sc-v6 and started again: strategy complete, " +
            $"every step succeeded, {started} host actions each started once");
    }

    [BedFact]
    [Step(7)]
    public async Task An_agent_killed_during_a_strategy_lock_step_fails_that_subcloud_with_the_reason_and_leaves_it_consistent_D17_D24()
    {
        RequireControllers();
        await _fleet.EnsureManagedAsync("ctl4");
        await ResetOamToSingleStackAsync("ctl4", "sc-v4");
        var plan = await _fleet.CreateStrategyAsync("ctl4", "--target", "dual-stack", "--subclouds", "sc-v4", "--networks", "oam",
            "--secondary-subnets", _fleet.SecondarySubnetsFile("oam-ipv6", OamIPv6));
        var lockStep = plan["sc-v4"].Steps.First(s => s.Step.StartsWith("lock ", StringComparison.Ordinal));
        var lockedHost = lockStep.Step["lock ".Length..];
        var before = bed.HostActionsStarted("sc-v4").Count;
        await _fleet.ApplyNoWaitAsync("ctl4");

        // The agent's own record says when the lock is under way: kill it then, in the middle of the 5 s action.
        await WaitForAsync(() => bed.HostActionsStarted("sc-v4").Skip(before).Any(a => a.Action == "lock" && a.Host == lockedHost),
            $"the agent of sc-v4 started 'lock {lockedHost}'", StrategyTime);
        await ControllerFleet.Expect(bed.ScriptAsync("agent-kill", "sc-v4"));
        await ControllerFleet.Expect(bed.ScriptAsync("agent-start", "sc-v4"));
        var end = await _fleet.WaitForEndAsync("ctl4", StrategyTime);

        // Which: the interrupted lock fails the subcloud (the agent reports it failed; nothing is retried blindly).
        var failed = end["sc-v4"].Steps.Single(s => s.State == "failed");
        Assert.Equal(("failed", "failed", lockStep.Step), (end.State, end["sc-v4"].State, failed.Step));
        Assert.StartsWith($"lock {lockedHost} ended without effect: the host is unlocked", failed.Message, StringComparison.Ordinal);
        Assert.All(end["sc-v4"].Steps.SkipWhile(s => s.Step != lockStep.Step).Skip(1), s => Assert.Equal("pending", s.State));

        // Consistent: the host as it was before the lock, no task left, and the controller reports what differs.
        var hosts = await _fleet.OnSubcloudAsync("ctl4", "sc-v4", "host-show", lockedHost);
        Assert.Equal(("unlocked", null), (hosts.GetProperty("administrative").GetString(), TaskOf(hosts)));
        var show = await _fleet.WaitForSubcloudAsync("ctl4", "sc-v4", r => r.Availability == "online", "online again", TimeSpan.FromSeconds(60));
        bed.Outcome("agent kill -9 during a strategy's lock step", $"sc-v4 agent killed during 'lock {lockedHost}' and restarted: strategy failed sc-v4 " +
            $"('{failed.Message}'), {lockedHost} unlocked and idle, subcloud {show.Availability}, sync {show.Sync}");

        await ResetOamToSingleStackAsync("ctl4", "sc-v4");
    }

    /// <summary>Runs the created strategy with <c>strategy apply</c> (which follows it to the end) and returns the final view.</summary>
    private async Task<StrategyView> ApplyAsync(string controller)
    {
        var apply = await bed.ControllerAsync(controller, "strategy", "apply", "-o", "json");
        Assert.True(apply.ExitCode is 0 or 1, apply.ToString());
        return await _fleet.ShowAsync(controller);
    }

    private async Task<string[]> ClusterHostPoolsAsync(string controller, string subcloud)
    {
        var rows = await _fleet.OnSubcloudAsync(controller, subcloud, "network-addrpool-list");
        return [.. rows.EnumerateArray().Where(r => r.GetProperty("network_name").GetString() == "cluster-host")
            .Select(r => r.GetProperty("addrpool_name").GetString()!)];
    }

    /// <summary>
    /// The operation ids of the subcloud's host steps each started exactly once on its agent (event 4020), whatever was
    /// killed or stopped meanwhile (D-18: a repeat is recognised by its operation id). Returns how many started.
    /// </summary>
    private int StartedOnce(StrategyView strategy, string subcloud)
    {
        var operations = strategy[subcloud].Steps.Where(s => s.IsHostAction && s.State == "succeeded").Select(s => s.Operation!).ToHashSet(StringComparer.Ordinal);
        var started = bed.HostActionsStarted(subcloud).Where(a => operations.Contains(a.Operation)).ToArray();
        Assert.All(started.GroupBy(a => a.Operation), g => Assert.True(g.Count() == 1, $"host action {g.Key} started {g.Count()} times on {subcloud}"));
        Assert.Equal(operations.Count, started.Length);
        return started.Length;
    }

    /// <summary>Makes the subcloud's cluster-host dual-stack (a runtime change) when it is not.</summary>
    private async Task EnsureClusterHostDualStackAsync(string controller, string subcloud, string secondary)
    {
        if ((await _fleet.ShowSubcloudAsync(controller, subcloud))["cluster-host subnets"]?.Contains(',', StringComparison.Ordinal) == true)
        {
            return;
        }

        await _fleet.CreateStrategyAsync(controller, "--target", "dual-stack", "--subclouds", subcloud, "--networks", "cluster-host",
            "--secondary-subnets", _fleet.SecondarySubnetsFile($"{subcloud}-cluster-host", secondary));
        Assert.Equal("complete", (await ApplyAsync(controller)).State);
    }

    /// <summary>Makes the subcloud's oam dual-stack (the bed's test ranges) when it is not, so a scenario can run alone.</summary>
    private async Task EnsureOamDualStackAsync(string controller, string subcloud)
    {
        if ((await _fleet.ShowSubcloudAsync(controller, subcloud))["oam subnets"]?.Contains(',', StringComparison.Ordinal) == true)
        {
            return;
        }

        var file = _fleet.SecondarySubnetsFile(bed[subcloud].Primary == "ipv6" ? "oam-ipv4" : "oam-ipv6", bed[subcloud].Primary == "ipv6" ? OamIPv4 : OamIPv6);
        await _fleet.CreateStrategyAsync(controller, "--target", "dual-stack", "--subclouds", subcloud, "--networks", "oam", "--secondary-subnets", file);
        Assert.Equal("complete", (await ApplyAsync(controller)).State);
    }

    /// <summary>
    /// Makes the subcloud's oam single-stack on its agent and in its controller's record when it is not: by strategy when
    /// the controller knows the secondary, else (an earlier scenario's failed strategy left it on the agent only)
    /// through the controller's platform commands (D-25).
    /// </summary>
    private async Task ResetOamToSingleStackAsync(string controller, string subcloud)
    {
        if ((await _fleet.ShowSubcloudAsync(controller, subcloud))["oam subnets"]?.Contains(',', StringComparison.Ordinal) == true)
        {
            await _fleet.CreateStrategyAsync(controller, "--target", "single-stack", "--subclouds", subcloud, "--networks", "oam");
            Assert.Equal("complete", (await ApplyAsync(controller)).State);
            return;
        }

        var pool = $"oam-{bed[subcloud].Secondary}";
        var assigned = (await _fleet.OnSubcloudAsync(controller, subcloud, "network-addrpool-list")).EnumerateArray()
            .FirstOrDefault(r => r.GetProperty("addrpool_name").GetString() == pool);
        if (assigned.ValueKind == JsonValueKind.Object)
        {
            await ControllerFleet.Expect(bed.ControllerAsync(controller, "--subcloud", subcloud, "network-addrpool-remove", assigned.GetProperty("uuid").GetString()!));
        }

        var pools = await _fleet.OnSubcloudAsync(controller, subcloud, "addrpool-list");
        if (pools.EnumerateArray().Any(p => p.GetProperty("name").GetString() == pool))
        {
            await ControllerFleet.Expect(bed.ControllerAsync(controller, "--subcloud", subcloud, "addrpool-delete", pool));
        }
    }

    private async Task<IReadOnlyList<(string Peer, string Local, string Family)>> WaitForCallsAsync(string subcloud, int skip, BedHost controller, int minimum)
    {
        var peers = new[] { controller.IPv4, controller.IPv6 };
        IReadOnlyList<(string Peer, string Local, string Family)> calls = [];
        await WaitForAsync(() =>
        {
            calls = [.. bed.ConnectionsLogged(subcloud).Skip(skip).Where(c => peers.Contains(c.Peer))];
            return calls.Count >= minimum;
        }, $"{minimum} calls from {controller.Name} in the log of {subcloud}", TimeSpan.FromSeconds(60));
        return calls;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not seen within {within.TotalSeconds} s: {what}");
            await Task.Delay(100);
        }
    }

    private static string? TaskOf(JsonElement host) =>
        host.GetProperty("task") is { ValueKind: JsonValueKind.String } task && task.GetString() is { Length: > 0 } text ? text : null;

    private void RequireControllers() =>
        Assert.True(bed.HasControllers, "this bed runs no system controllers (scripts/testbed up with DCTB_CONTROLLER=off); the controller scenarios need them");

    private string ControllerLog(string controller) => File.ReadAllText(Path.Combine(bed.Directory, controller, "controller.log"));

    private string MqHost(string controller) => bed["mq"].Address(bed[controller].Primary) is { } address && address.Contains(':', StringComparison.Ordinal)
        ? $"[{address}]"
        : bed["mq"].Address(bed[controller].Primary)!;

    private static string Family(string family) => family == "ipv6" ? "IPv6" : "IPv4";
}
