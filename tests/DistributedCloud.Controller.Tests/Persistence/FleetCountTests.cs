using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Addressing;

namespace DistributedCloud.Controller.Tests.Persistence;

/// <summary>
/// The numbers behind the controller's fleet gauges, read with grouped queries (no subcloud loaded), agree with what
/// the subclouds and the strategy say one by one.
/// </summary>
public sealed class FleetCountTests
{
    private static SubcloudRegistry Registry(TempDatabase db) => new(db.Database, Fleet.ControllerSite());

    private static async Task AddOnlineAsync(TempDatabase db, string name, int n, string? yaml = null, bool manage = true)
    {
        var registry = Registry(db);
        var subcloud = await registry.AddAsync(Fleet.Add(name, yaml ?? Fleet.Ipv6(n), Fleet.Agent6(n)));
        await registry.RecordAuditAsync(name, AuditKind.Availability, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
        if (manage)
        {
            await registry.ManageAsync(name);
            await registry.RecordAuditAsync(name, AuditKind.Sync, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
        }
    }

    [Fact]
    public async Task Subclouds_are_counted_by_availability_management_sync_and_network_mode_and_alarms_by_severity()
    {
        await using var db = await TempDatabase.CreateAsync();
        var registry = Registry(db);
        Assert.Equal((0, 0), ((await registry.CountAsync()).Total, (await registry.CountAsync()).Alarms("critical")));

        await AddOnlineAsync(db, "sx1", 1);
        await AddOnlineAsync(db, "dx2", 2);
        await AddOnlineAsync(db, "ds3", 3, Fleet.Ipv6DualStack(3), manage: false);
        await registry.AddAsync(Fleet.Add("sx4", Fleet.Ipv6(4), Fleet.Agent6(4)));
        for (var i = 0; i < 3; i++)
        {
            db.Time.Advance(TimeSpan.FromSeconds(30));
            await registry.RecordAuditAsync("dx2", AuditKind.Availability, AgentProbe.Failed("unavailable"));
        }

        var counts = await registry.CountAsync();
        var subclouds = await registry.ListAsync();

        // The oracle: the same numbers from every subcloud loaded and judged one by one.
        Assert.Equal(4, counts.Total);
        foreach (var availability in Enum.GetValues<SubcloudAvailability>())
        {
            Assert.Equal(subclouds.Count(s => s.Availability == availability), counts.Count(c => c.Availability == availability));
        }

        foreach (var management in Enum.GetValues<ManagementState>())
        {
            Assert.Equal(subclouds.Count(s => s.Management == management), counts.Count(c => c.Management == management));
        }

        foreach (var sync in Enum.GetValues<SyncStatus>())
        {
            Assert.Equal(subclouds.Count(s => s.OverallSync == sync), counts.Count(c => c.Sync == sync));
        }

        foreach (var dual in new[] { true, false })
        {
            Assert.Equal(subclouds.Count(s => s.IsDualStack == dual), counts.Count(c => c.DualStack == dual));
        }

        // And the numbers themselves: sx1 online, managed, in sync; dx2 managed but gone offline; ds3 online, unmanaged,
        // dual-stack; sx4 never audited (offline).
        Assert.Equal((2, 2), (counts.Count(c => c.Availability == SubcloudAvailability.Online), counts.Count(c => c.Availability == SubcloudAvailability.Offline)));
        Assert.Equal(2, counts.Count(c => c.Management == ManagementState.Managed));
        Assert.Equal(1, counts.Count(c => c.Sync == SyncStatus.InSync));
        Assert.Equal((1, 3), (counts.Count(c => c.DualStack), counts.Count(c => !c.DualStack && c.PrimaryFamily == IpFamily.IPv6)));
        Assert.Equal((1, 0), (counts.Alarms("critical"), counts.Alarms("major")));
        Assert.Equal((await registry.ListAlarmsAsync()).Count, FleetCounts.Severities.Sum(counts.Alarms));
    }

    [Fact]
    public async Task The_strategy_progress_counts_steps_and_subclouds_by_state_and_follows_every_writer()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "sx1", 1);
        await AddOnlineAsync(db, "dx2", 2);
        var strategies = new StrategyService(db.Database);
        Assert.Null(await strategies.ProgressAsync());

        await strategies.CreateAsync(new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml)));
        var strategy = await strategies.ApplyAsync();
        var first = StrategyMachine.NextSteps(strategy)[0];
        await strategies.StartStepAsync(first.Subcloud, first.Step.Index);
        await strategies.FinishStepAsync(first.Subcloud, first.Step.Index, succeeded: true, null);

        var progress = (await strategies.ProgressAsync())!;
        AssertMatches((await strategies.GetAsync())!, progress);
        Assert.Equal(StrategyState.Applying, progress.State);
        Assert.Equal(1, progress.Steps[StepState.Succeeded]);

        // Another writer on the same store (the counted copy is reused only while the stored row is the same).
        var other = new StrategyService(db.Database);
        var next = StrategyMachine.NextSteps((await other.GetAsync())!)[0];
        await other.StartStepAsync(next.Subcloud, next.Step.Index);
        await other.FinishStepAsync(next.Subcloud, next.Step.Index, succeeded: false, "refused by the agent");

        var after = (await strategies.ProgressAsync())!;
        AssertMatches((await other.GetAsync())!, after);
        Assert.Equal(1, after.Steps[StepState.Failed]);
        Assert.Equal(1, after.Subclouds[StepState.Failed]);

        // A second read of an unchanged strategy is the same counted copy.
        Assert.Same(after, await strategies.ProgressAsync());
    }

    [Fact]
    public async Task A_subcloud_a_strategy_made_dual_stack_is_counted_dual_stack()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "sx1", 1);
        var strategies = new StrategyService(db.Database);
        await strategies.CreateAsync(new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml)));
        var strategy = await strategies.ApplyAsync();
        Assert.Equal(0, (await Registry(db).CountAsync()).Count(c => c.DualStack));

        while (StrategyMachine.NextSteps(strategy) is { Count: > 0 } next)
        {
            foreach (var (subcloud, step) in next)
            {
                await strategies.StartStepAsync(subcloud, step.Index);
                strategy = await strategies.FinishStepAsync(subcloud, step.Index, succeeded: true, null);
            }
        }

        Assert.Equal(1, (await Registry(db).CountAsync()).Count(c => c.DualStack));
        var progress = (await strategies.ProgressAsync())!;
        Assert.Equal(StrategyState.Complete, progress.State);
        Assert.Equal(strategy.Subclouds.Sum(s => s.Steps.Count), progress.Steps[StepState.Succeeded]);
    }

    private static void AssertMatches(Strategy strategy, StrategyProgress progress)
    {
        Assert.Equal((strategy.Id, strategy.State, strategy.UpdatedAt), (progress.Id, progress.State, progress.UpdatedAt));
        foreach (var state in Enum.GetValues<StepState>())
        {
            Assert.Equal(strategy.Subclouds.SelectMany(s => s.Steps).Count(s => s.State == state), progress.Steps.GetValueOrDefault(state));
            Assert.Equal(strategy.Subclouds.Count(s => s.State == state), progress.Subclouds.GetValueOrDefault(state));
        }
    }
}
