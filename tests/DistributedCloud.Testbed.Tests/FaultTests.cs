using System.Text.Json;
using DistributedCloud.Testbed.Tests.Infrastructure;

namespace DistributedCloud.Testbed.Tests;

/// <summary>
/// Faults on real links and processes: a pulled cable (the subcloud's switch port down) and an agent killed with
/// SIGKILL in the middle of a host lock. The controller scenarios of D-6/D-17/D-18 build on these same commands.
/// </summary>
[Collection(BedCollection.Name)]
public sealed class FaultTests(TestbedFixture bed)
{
    [BedFact]
    public async Task A_cut_link_fails_calls_within_their_deadline_other_subclouds_still_answer_and_restoring_it_brings_calls_back()
    {
        var cut = bed["sc-v6"];
        var other = bed["sc-dual6"];
        var url = cut.AgentUrl(cut.Primary);
        Assert.True((await bed.ProbeOnceAsync("ctl6", url, "ipv6")).Ok, "sc-v6 answers before the cut");

        await ExpectSuccess(bed.ScriptAsync("cut", cut.Name));
        ProbeResult during;
        ProbeResult otherDuring;
        try
        {
            during = await bed.ProbeOnceAsync("ctl6", url, "ipv6", timeoutSeconds: 3);
            otherDuring = await bed.ProbeOnceAsync("ctl6", other.AgentUrl(other.Primary), "ipv6");
        }
        finally
        {
            await ExpectSuccess(bed.ScriptAsync("restore", cut.Name));
        }

        Assert.Contains(during.Outcome, new[] { "Unavailable", "DeadlineExceeded" });
        Assert.True(otherDuring.Ok, $"sc-dual6 during the cut of sc-v6: {otherDuring}");
        var back = await bed.WaitUntilAnsweringAsync("ctl6", url, TimeSpan.FromSeconds(60));
        Assert.Equal(("OK", "ipv6"), (back.Outcome, back.ArrivalFamily));
        bed.Outcome("link cut", $"sc-v6 cut: GetSite {during.Outcome} within its 3 s deadline, sc-dual6 answered; restored: OK over ipv6");
    }

    [BedFact]
    public async Task An_agent_killed_during_a_host_lock_restarts_with_no_host_mid_action_and_the_lock_can_be_retried()
    {
        // sc-dual4 is duplex: controller-1 is the standby, lockable (H-3, H-4); its lock takes DCTB_ACTION_DELAY (5 s).
        var site = bed["sc-dual4"];
        // Straight to the agent: its own configuration while standalone, an access certificate once enrolled (S-5a).
        string[] agent = ["--config", await bed.AgentConfigAsync(site.Name), "--agent", site.AgentUrl(site.Primary)];

        await ExpectSuccess(bed.DcctlAsync("ctl4", [.. agent, "host-lock", "controller-1", "--no-wait"]));
        var locking = await ShowAsync(agent);
        Assert.Equal("Locking", locking.Task);

        await ExpectSuccess(bed.ScriptAsync("agent-kill", site.Name));
        var unreachable = await bed.DcctlAsync("ctl4", [.. agent, "host-show", "controller-1"]);
        Assert.True(unreachable.ExitCode == 3, $"dcctl against the killed agent should exit 3 (unreachable):\n{unreachable}");
        await ExpectSuccess(bed.ScriptAsync("agent-start", site.Name));

        // Consistent after the restart: the interrupted lock is over (reported failed), the host as it was, idle.
        var after = await ShowAsync(agent);
        Assert.Equal(("unlocked", null), (after.Administrative, after.Task));

        await ExpectSuccess(bed.DcctlAsync("ctl4", [.. agent, "host-lock", "controller-1"]));
        var locked = await ShowAsync(agent);
        Assert.Equal(("locked", null), (locked.Administrative, locked.Task));

        // Leave the bed as it was for the other scenarios.
        await ExpectSuccess(bed.DcctlAsync("ctl4", [.. agent, "host-unlock", "controller-1"]));
        Assert.Equal("unlocked", (await ShowAsync(agent)).Administrative);
        bed.Outcome("agent kill -9 during lock", "sc-dual4 controller-1: Locking, agent killed and restarted, host unlocked and idle, retried lock succeeded");
    }

    private async Task<(string? Administrative, string? Task)> ShowAsync(string[] agent)
    {
        var show = await bed.DcctlAsync("ctl4", [.. agent, "host-show", "controller-1", "-o", "json"]);
        Assert.True(show.ExitCode == 0, show.ToString());
        using var host = JsonDocument.Parse(show.StdOut);
        var task = host.RootElement.GetProperty("task");
        return (host.RootElement.GetProperty("administrative").GetString(), task.ValueKind == JsonValueKind.Null || task.GetString() == "" ? null : task.GetString());
    }

    private static async Task ExpectSuccess(Task<CommandResult> command)
    {
        var result = await command;
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
