using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Tests.Support;

namespace DistributedCloud.Site.Tests.Drivers;

/// <summary>Host drivers (H-16): the simulated one with an injected failure, the exec one with real processes.</summary>
public sealed class HostDriverTests
{
    private static readonly IProgress<string> Ignore = new Progress<string>();

    [Fact]
    public async Task H16_a_failed_lock_leaves_the_host_as_it_was_with_the_reason()
    {
        await using var site = await TestSite.CreateAsync();
        site.Driver.InjectFailure(HostAction.Lock, "controller-1", "BMC did not answer");

        var failed = await site.LockAsync("controller-1");

        Assert.Equal(OperationState.Failed, failed.State);
        Assert.Contains("BMC did not answer", failed.Message, StringComparison.Ordinal);
        var host = site.Host("controller-1");
        Assert.Equal((AdministrativeState.Unlocked, OperationalState.Enabled, (string?)null), (host.Administrative, host.Operational, host.Task));
        Assert.Equal("host-lock of controller-1 failed: BMC did not answer", host.LastFailure);

        // The injected failure was used up: the retry works and clears the reason.
        var retried = await site.LockAsync("controller-1");
        Assert.Equal(OperationState.Succeeded, retried.State);
        Assert.Null(site.Host("controller-1").LastFailure);
    }

    [Fact]
    public async Task H16_a_failed_unlock_keeps_the_config_alarm()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");
        await site.LockAsync("controller-1");
        site.Driver.InjectFailure(HostAction.Unlock, null, "puppet apply failed");

        var failed = await site.UnlockAsync("controller-1");

        Assert.Equal(OperationState.Failed, failed.State);
        Assert.Equal(AdministrativeState.Locked, site.Host("controller-1").Administrative);
        Assert.True(site.Host("controller-1").ConfigOutOfDate);
        Assert.Contains(site.Manager.ListAlarms(), a => a.EntityInstanceId == "host=controller-1");
    }

    [Fact]
    public async Task Exec_driver_runs_the_configured_command_and_succeeds_on_exit_zero()
    {
        var options = new ExecHostDriverOptions();
        options.Commands[HostAction.Lock] = "echo locking {host} $DC_ACTION $DC_FORCE {force}";
        var driver = new ExecHostDriver(options);
        var lines = new List<string>();

        var result = await driver.RunAsync(new HostDriverRequest("op", HostAction.Lock, "controller-1", Force: true), new SyncProgress(lines), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("locking controller-1 lock 1 --force", result.Output);
        Assert.Contains("locking controller-1 lock 1 --force", lines);
    }

    [Fact]
    public async Task Exec_driver_fails_the_action_with_the_output_of_a_non_zero_exit()
    {
        var options = new ExecHostDriverOptions();
        options.Commands[HostAction.Unlock] = "echo cannot reach {host} >&2; exit 3";
        var driver = new ExecHostDriver(options);

        var result = await driver.RunAsync(new HostDriverRequest("op", HostAction.Unlock, "controller-0", false), Ignore, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("exited with code 3", result.Output, StringComparison.Ordinal);
        Assert.Contains("cannot reach controller-0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_driver_times_out_and_kills_the_command()
    {
        var options = new ExecHostDriverOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        options.Commands[HostAction.Swact] = "echo started; sleep 30";
        var driver = new ExecHostDriver(options);
        var started = DateTime.UtcNow;

        var result = await driver.RunAsync(new HostDriverRequest("op", HostAction.Swact, "controller-0", false), Ignore, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("timed out", result.Output, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Exec_driver_without_a_command_for_the_action_fails_naming_the_setting()
    {
        var driver = new ExecHostDriver(new ExecHostDriverOptions());
        var result = await driver.RunAsync(new HostDriverRequest("op", HostAction.Lock, "controller-0", false), Ignore, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("HostDriver:Exec:Commands:Lock", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_driver_quotes_the_host_name_as_one_word()
    {
        var options = new ExecHostDriverOptions();
        options.Commands[HostAction.Lock] = "printf '%s|' {host}";
        var result = await new ExecHostDriver(options).RunAsync(
            new HostDriverRequest("op", HostAction.Lock, "a b;exit 9", false), Ignore, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal("a b;exit 9|", result.Output);
    }

    [Fact]
    public async Task A_site_driven_by_the_exec_driver_locks_through_a_real_process()
    {
        var options = new ExecHostDriverOptions();
        options.Commands[HostAction.Lock] = "test \"$DC_HOST\" = controller-1";
        options.Commands[HostAction.Unlock] = "echo refusing to unlock {host}; exit 1";
        using var directory = new TempDirectory("dc-site-tests");
        await using (var manager = await SiteManager.OpenOrCreateAsync(new SiteManagerOptions { DataDirectory = directory.Root },
            BootstrapExamples.Read(BootstrapExamples.AioDxIpv6), new ExecHostDriver(options)))
        {
            Assert.Equal("exec", manager.DriverName);
            var locked = await (await manager.LockHostAsync("controller-1")).Completion;
            Assert.Equal(OperationState.Succeeded, locked.State);
            var unlock = await (await manager.UnlockHostAsync("controller-1")).Completion;
            Assert.Equal(OperationState.Failed, unlock.State);
            Assert.Contains("refusing to unlock controller-1", manager.ShowHost("controller-1").LastFailure, StringComparison.Ordinal);
        }
    }

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
