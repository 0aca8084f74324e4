using DistributedCloud.Networking.Errors;
using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Tests.Support;

namespace DistributedCloud.Site.Tests.Hosts;

/// <summary>Lock, unlock and swact rules (hosts.md H-2..H-12).</summary>
public sealed class HostRuleTests
{
    private static async Task<DomainError> Refused(Func<Task> command)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(command);
        return Assert.Single(ex.Errors);
    }

    [Fact]
    public async Task H2_locking_a_locked_host_is_refused()
    {
        await using var site = await TestSite.CreateAsync();
        await site.LockAsync("controller-1");
        var error = await Refused(() => site.Manager.LockHostAsync("controller-1"));
        Assert.Equal(("H-2", ErrorKind.FailedPrecondition), (error.Rule, error.Kind));
        Assert.Contains("controller-1 is already locked", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task H3_the_active_controller_of_a_duplex_site_is_never_locked_even_with_force(bool force)
    {
        await using var site = await TestSite.CreateAsync();
        var error = await Refused(() => site.Manager.LockHostAsync("controller-0", force));
        Assert.Equal("H-3", error.Rule);
        Assert.Contains("swact first", error.Message, StringComparison.Ordinal);
        Assert.Contains("host-swact controller-0", error.Message, StringComparison.Ordinal);
        Assert.Equal(AdministrativeState.Unlocked, site.Host("controller-0").Administrative);
        Assert.Null(site.Host("controller-0").Task);
    }

    [Fact]
    public async Task H4_locking_the_only_provider_needs_force_naming_the_service()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.SetHostAvailabilityAsync("controller-0", Availability.Degraded);
        var error = await Refused(() => site.Manager.LockHostAsync("controller-1"));
        Assert.Equal("H-4", error.Rule);
        Assert.Contains("the controller services", error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);

        var forced = await site.LockAsync("controller-1", force: true);
        Assert.Equal(OperationState.Succeeded, forced.State);
        Assert.Equal(AdministrativeState.Locked, site.Host("controller-1").Administrative);
    }

    [Fact]
    public async Task H5_lock_is_accepted_with_a_task_then_the_host_is_locked_and_disabled()
    {
        var options = new SimulatedHostDriverOptions { ActionDuration = TimeSpan.FromMilliseconds(300) };
        await using var site = await TestSite.CreateAsync(driverOptions: options);
        var ticket = await site.Manager.LockHostAsync("controller-1");
        Assert.Equal(OperationState.Running, ticket.Accepted.State);
        Assert.Equal("Locking", site.Host("controller-1").Task);
        Assert.Equal(AdministrativeState.Unlocked, site.Host("controller-1").Administrative);

        var done = await ticket.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(OperationState.Succeeded, done.State);
        var host = site.Host("controller-1");
        Assert.Equal((AdministrativeState.Locked, OperationalState.Disabled, Availability.Online, (string?)null),
            (host.Administrative, host.Operational, host.Availability, host.Task));
        var events = site.Manager.Events.Since(0);
        Assert.Contains(events, e => e.Kind == Events.SiteEventKind.HostActionProgress && e.Operation?.State == OperationState.Succeeded);
    }

    [Fact]
    public async Task H5_force_lock_shows_force_locking()
    {
        var options = new SimulatedHostDriverOptions { ActionDuration = TimeSpan.FromMilliseconds(200) };
        await using var site = await TestSite.CreateAsync(driverOptions: options);
        var ticket = await site.Manager.LockHostAsync("controller-1", force: true);
        Assert.Equal("Force Locking", site.Host("controller-1").Task);
        await ticket.Completion;
    }

    [Fact]
    public async Task H6_unlocking_an_unlocked_host_is_refused()
    {
        await using var site = await TestSite.CreateAsync();
        var error = await Refused(() => site.Manager.UnlockHostAsync("controller-1"));
        Assert.Equal("H-6", error.Rule);
        Assert.Contains("already unlocked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task H6_unlocking_during_a_lock_is_refused_naming_the_running_action()
    {
        var options = new SimulatedHostDriverOptions { ActionDuration = TimeSpan.FromSeconds(2) };
        await using var site = await TestSite.CreateAsync(driverOptions: options);
        var ticket = await site.Manager.LockHostAsync("controller-1");
        var error = await Refused(() => site.Manager.UnlockHostAsync("controller-1", force: true));
        Assert.Equal("H-6", error.Rule);
        Assert.Contains("'Locking'", error.Message, StringComparison.Ordinal);
        await ticket.Completion;
    }

    [Fact]
    public async Task H7_unlock_without_force_needs_the_host_online()
    {
        await using var site = await TestSite.CreateAsync();
        await site.LockAsync("controller-1");
        await site.Manager.SetHostAvailabilityAsync("controller-1", Availability.Offline);
        var error = await Refused(() => site.Manager.UnlockHostAsync("controller-1"));
        Assert.Equal("H-7", error.Rule);
        Assert.Contains("offline", error.Message, StringComparison.Ordinal);

        await site.UnlockAsync("controller-1", force: true);
        Assert.True(site.Host("controller-1").Administrative == AdministrativeState.Unlocked);
    }

    [Fact]
    public async Task H8_unlock_clears_only_that_hosts_config_alarm()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");
        Assert.Equal(2, site.Manager.ListAlarms().Count);

        await site.LockAsync("controller-1");
        Assert.Equal(2, site.Manager.ListAlarms().Count);
        await site.UnlockAsync("controller-1");

        var alarm = Assert.Single(site.Manager.ListAlarms());
        Assert.Equal("host=controller-0", alarm.EntityInstanceId);
        var host = site.Host("controller-1");
        Assert.Equal(host.ConfigTarget, host.ConfigApplied);
        Assert.False(host.RebootRequired);
        Assert.True(site.Host("controller-0").ConfigOutOfDate);
    }

    [Fact]
    public async Task H9_swact_is_refused_on_a_simplex_site()
    {
        await using var site = await TestSite.CreateAsync(BootstrapExamples.AioSxIpv4);
        var error = await Refused(() => site.Manager.SwactHostAsync("controller-0", force: true));
        Assert.Equal("H-9", error.Rule);
    }

    [Fact]
    public async Task H9_swact_from_a_locked_controller_is_refused()
    {
        await using var site = await TestSite.CreateAsync();
        await site.LockAsync("controller-1");
        var error = await Refused(() => site.Manager.SwactHostAsync("controller-1", force: true));
        Assert.Equal("H-9", error.Rule);
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task H10_swact_to_a_locked_peer_is_refused_even_with_force()
    {
        await using var site = await TestSite.CreateAsync();
        await site.LockAsync("controller-1");
        foreach (var force in new[] { false, true })
        {
            var error = await Refused(() => site.Manager.SwactHostAsync("controller-0", force));
            Assert.Equal("H-10", error.Rule);
            Assert.Contains("controller-1 is locked and cannot take activity", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(ControllerRole.Active, site.Host("controller-0").Role);
    }

    [Fact]
    public async Task H10_swact_to_a_peer_being_locked_is_refused_even_with_force()
    {
        var options = new SimulatedHostDriverOptions { ActionDuration = TimeSpan.FromSeconds(2) };
        await using var site = await TestSite.CreateAsync(driverOptions: options);
        var ticket = await site.Manager.LockHostAsync("controller-1");
        var error = await Refused(() => site.Manager.SwactHostAsync("controller-0", force: true));
        Assert.Equal("H-10", error.Rule);
        Assert.Contains("being locked", error.Message, StringComparison.Ordinal);
        await ticket.Completion;
    }

    [Fact]
    public async Task H11_swact_to_an_out_of_date_peer_is_refused_and_force_skips_it()
    {
        await using var site = await TestSite.CreateAsync();
        await site.Manager.AddPoolAsync(TestSite.OamIpv4);
        await site.Manager.AssignPoolAsync("oam", "oam-ipv4");

        var error = await Refused(() => site.Manager.SwactHostAsync("controller-0"));
        Assert.Equal("H-11", error.Rule);
        Assert.Contains("apply its config with lock/unlock first", error.Message, StringComparison.Ordinal);
        Assert.Equal(ControllerRole.Active, site.Host("controller-0").Role);

        await site.SwactAsync("controller-0", force: true);
        Assert.Equal(ControllerRole.Active, site.Host("controller-1").Role);
    }

    [Fact]
    public async Task H12_swact_moves_activity_away_from_the_named_controller_only()
    {
        await using var site = await TestSite.CreateAsync();
        var error = await Refused(() => site.Manager.SwactHostAsync("controller-1"));
        Assert.Equal("H-12", error.Rule);
        Assert.Contains("activity is on controller-0", error.Message, StringComparison.Ordinal);

        await site.SwactAsync("controller-0");
        Assert.Equal((ControllerRole.Standby, ControllerRole.Active), (site.Host("controller-0").Role, site.Host("controller-1").Role));
    }

    [Fact]
    public async Task H5_a_repeated_operation_id_returns_the_first_answer()
    {
        await using var site = await TestSite.CreateAsync();
        var first = await site.Manager.LockHostAsync("controller-1", operationId: "op-1");
        await first.Completion;
        var again = await site.Manager.LockHostAsync("controller-1", operationId: "op-1");
        Assert.True(again.Replayed);
        Assert.Equal(OperationState.Succeeded, (await again.Completion).State);

        var error = await Refused(() => site.Manager.UnlockHostAsync("controller-1", operationId: "op-1"));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task H1_an_unknown_host_is_not_found_naming_the_hosts()
    {
        await using var site = await TestSite.CreateAsync();
        var error = await Refused(() => site.Manager.LockHostAsync("controller-7"));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("controller-0, controller-1", error.Message, StringComparison.Ordinal);
    }
}
