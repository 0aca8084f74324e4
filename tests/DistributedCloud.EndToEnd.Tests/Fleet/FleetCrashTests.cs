using System.Text.Json;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.EndToEnd.Tests.Fleet;

/// <summary>Crashes while a strategy applies: the controller killed (D-18, D-20), an agent stopped (D-6, D-17).</summary>
public sealed partial class FleetTests
{
    [Fact]
    public async Task A_controller_killed_while_the_strategy_applies_finishes_it_after_a_restart_every_step_effective_once_D18_D20()
    {
        var target = await fleet.CreateConversionAsync();
        Assert.Equal(0, (await fleet.Ctl("strategy", "apply", "--no-wait")).ExitCode);

        // kill -9 after a step finished and before the end.
        var before = await fleet.WaitForStrategyAsync("a step succeeded, several to go", s =>
            s.State == StrategyState.Applying && Steps(s).Any(x => x.State == StepState.Succeeded) && Steps(s).Count(x => x.State != StepState.Succeeded) >= 4);
        await fleet.Controller.KillAsync();
        Assert.NotEqual(StrategyState.Complete, before.State);

        await fleet.RestartControllerAsync(new Dictionary<string, string>());
        Assert.Contains("unfinished workflow(s) re-queued at start", fleet.Controller.Output, StringComparison.Ordinal);
        var done = await fleet.WaitForStrategyAsync("an end", s => s.State is StrategyState.Complete or StrategyState.Failed or StrategyState.Aborted);
        Assert.True(done.State == StrategyState.Complete, done.ToString());
        Assert.All(Steps(done), s => Assert.Equal(StepState.Succeeded, s.State));

        // Each step reached its agent as one operation: the agent recorded every network change and every host
        // operation of the plan exactly once under the step's operation id, and nothing else under the strategy's ids.
        foreach (var plan in done.Subclouds)
        {
            var agent = fleet.Agents[plan.Subcloud];
            var prefix = plan.Steps[0].OperationId[..^3];
            var poolSteps = plan.Steps.Where(s => !IsHostStep(s.Name)).Select(s => s.OperationId).Order(StringComparer.Ordinal);
            var hostSteps = plan.Steps.Where(s => IsHostStep(s.Name)).Select(s => $"{s.OperationId} Succeeded").Order(StringComparer.Ordinal);
            Assert.Equal(poolSteps, AgentRecord.NetworkChanges(agent, prefix));
            Assert.Equal(hostSteps, AgentRecord.HostOperations(agent, prefix));

            // Pools exist once: one primary and, dual-stack, one secondary per network that changed.
            var site = await agent.GetSiteAsync();
            Assert.All(site.Networks.Where(n => n.Name is "oam" or "cluster-host" or "cluster-pod" or "cluster-service"),
                n => Assert.Equal(target == "dual-stack" ? 2 : 1, n.Pools.Count));
            var pools = site.Networks.SelectMany(n => n.Pools).Select(p => p.Name).ToList();
            Assert.Equal(pools.Count, pools.Distinct().Count());
        }

        await AssertModesAsync(dualStack: target == "dual-stack");
    }

    [Fact]
    public async Task A_subcloud_whose_agent_stops_mid_strategy_is_paused_not_failed_and_resumes_when_its_agent_returns_D6_D17()
    {
        var target = await fleet.CreateConversionAsync();
        Assert.Equal(0, (await fleet.Ctl("strategy", "apply", "--no-wait")).ExitCode);

        // Stop the duplex subcloud's agent while its steps run.
        await fleet.WaitForStrategyAsync($"{Duplex} under way", s => Plan(s, Duplex).Steps.Any(x => x.State is StepState.Running or StepState.Succeeded)
            && Plan(s, Duplex).State != StepState.Succeeded);
        var agent = fleet.Agents[Duplex];
        await agent.KillAsync();

        // D-6: offline after two failed audits, with 280.001; D-17: its strategy entry paused, not failed.
        await fleet.Controller.WaitForSubcloudAsync(Duplex, s => s.Availability == SubcloudAvailability.Offline);
        await fleet.WaitForStrategyAsync($"{Duplex} paused", s => Plan(s, Duplex).State == StepState.Paused);
        var list = await fleet.ListAsync();
        Assert.Equal(("offline", "online"), (Text(list[Duplex], "availability"), Text(list[Simplex], "availability")));
        var alarms = await fleet.Json("alarm-list");
        Assert.Contains(alarms.EnumerateArray(), a => Text(a, "Alarm ID") == "280.001" && Text(a, "Entity ID") == $"subcloud={Duplex}");

        // The other subcloud goes on to the end; the strategy stays applying, nothing failed.
        await fleet.WaitForStrategyAsync($"{Simplex} done", s => Plan(s, Simplex).State == StepState.Succeeded);
        var shown = await fleet.Json("strategy", "show");
        Assert.Equal("applying", Text(shown, "state"));
        Assert.Equal(0, shown.GetProperty("summary").GetProperty("failed").GetInt32());
        var states = shown.GetProperty("subclouds").EnumerateArray().ToDictionary(s => Text(s, "subcloud"), s => Text(s, "state"));
        Assert.Equal(("succeeded", "paused"), (states[Simplex], states[Duplex]));

        // The agent is back: online, the alarm cleared, its steps resume and the strategy completes.
        await agent.RestartAsync();
        await fleet.Controller.WaitForSubcloudAsync(Duplex, s => s.Availability == SubcloudAvailability.Online);
        var done = await fleet.WaitForStrategyAsync("an end", s => s.State is StrategyState.Complete or StrategyState.Failed or StrategyState.Aborted);
        Assert.True(done.State == StrategyState.Complete, done.ToString());
        Assert.DoesNotContain((await fleet.Json("alarm-list")).EnumerateArray(), a => Text(a, "Alarm ID") == "280.001");
        await AssertModesAsync(dualStack: target == "dual-stack");
    }

    private static IEnumerable<StrategyStep> Steps(Strategy strategy) => strategy.Subclouds.SelectMany(p => p.Steps);

    private static SubcloudPlan Plan(Strategy strategy, string subcloud) => strategy.Subclouds.Single(p => p.Subcloud == subcloud);

    private static bool IsHostStep(string name) => name.StartsWith("lock ", StringComparison.Ordinal)
        || name.StartsWith("unlock ", StringComparison.Ordinal) || name.StartsWith("swact ", StringComparison.Ordinal);
}
