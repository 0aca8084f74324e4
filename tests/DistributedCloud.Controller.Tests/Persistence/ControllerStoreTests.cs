using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Tests.Persistence;

/// <summary>The controller's SQLite store on real temp files: round trips, refused commands, D-20 workflow tables.</summary>
public sealed class ControllerStoreTests
{
    private static SubcloudRegistry Registry(TempDatabase db) => new(db.Database, Fleet.ControllerSite());

    private static async Task<Subcloud> AddOnlineAsync(TempDatabase db, string name, int n, string mode = "simplex")
    {
        var registry = Registry(db);
        var subcloud = await registry.AddAsync(Fleet.Add(name, Fleet.Ipv6(n, mode), Fleet.Agent6(n)));
        await registry.RecordAuditAsync(name, AuditKind.Availability, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
        await registry.ManageAsync(name);
        await registry.RecordAuditAsync(name, AuditKind.Sync, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
        return await registry.GetAsync(name);
    }

    [Fact]
    public async Task The_migrations_match_the_model_and_the_default_group_exists()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var context = db.Database.NewContext();

        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(["20260201000000_InitialCreate", "20260210000000_SubcloudCredentials", "20261208000000_AdminTokensAndAuditLog"], await context.Database.GetAppliedMigrationsAsync());
        var group = Assert.Single(await Registry(db).ListGroupsAsync());
        Assert.Equal(SubcloudGroupRules.Default, group);
    }

    [Fact]
    public async Task A_subcloud_reads_back_the_same_after_a_restart()
    {
        await using var db = await TempDatabase.CreateAsync();
        var added = await AddOnlineAsync(db, "subcloud1", 1, "duplex");

        await db.ReopenAsync();
        var read = await Registry(db).GetAsync("subcloud1");

        Assert.Equal(added.Region, read.Region);
        Assert.Equal(added.Pools, read.Pools);
        Assert.Equal(added.Hosts, read.Hosts);
        Assert.Equal(added.Agent, read.Agent);
        Assert.Equal(added.Sync, read.Sync);
        Assert.Equal(ManagementState.Managed, read.Management);
        Assert.Equal(SubcloudAvailability.Online, read.Availability);
        Assert.Equal(DeployStatus.Complete, read.DeployStatus);
        Assert.Equal(SyncStatus.InSync, read.OverallSync);
        Assert.Equal(Fleet.Start, read.LastAudit);
        Assert.Equal(added with { Version = read.Version }, read with { Pools = added.Pools, Hosts = added.Hosts });
    }

    [Fact]
    public async Task N34_an_ipv4_primary_subcloud_is_refused_with_the_N34_reason_and_nothing_is_stored()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "subcloud1", 1);
        var before = db.Dump();

        var error = await Assert.ThrowsAsync<DomainException>(() => Registry(db).AddAsync(Fleet.Add("ipv4sub", Fleet.Ipv4(40), "10.40.1.1")));

        Assert.Contains(error.Errors, e => e.Rule == "N-34" && e.Field == "management_subnet");
        Assert.Equal(before, db.Dump());
        Assert.Equal(["subcloud1"], (await Registry(db).ListAsync()).Select(s => s.Name));
        await Assert.ThrowsAsync<DomainException>(() => Registry(db).GetAsync("ipv4sub"));
    }

    [Fact]
    public async Task Refused_commands_change_nothing()
    {
        await using var db = await TempDatabase.CreateAsync();
        var registry = Registry(db);
        await AddOnlineAsync(db, "subcloud1", 1);
        await registry.AddGroupAsync("edge", maxParallelSubclouds: 10);
        await registry.MoveToGroupAsync("subcloud1", "edge");
        var before = db.Dump();

        await Assert.ThrowsAsync<DomainException>(() => registry.ManageAsync("subcloud1"));
        await Assert.ThrowsAsync<DomainException>(() => registry.DeleteAsync("subcloud1"));
        await Assert.ThrowsAsync<DomainException>(() => registry.DeleteGroupAsync("edge"));
        await Assert.ThrowsAsync<DomainException>(() => registry.DeleteGroupAsync("Default"));
        await Assert.ThrowsAsync<DomainException>(() => registry.UpdateGroupAsync("Default", new SubcloudGroupChanges(Name: "Renamed")));
        await Assert.ThrowsAsync<DomainException>(() => registry.AddGroupAsync("edge"));
        await Assert.ThrowsAsync<DomainException>(() => registry.AddAsync(Fleet.Add("subcloud1", Fleet.Ipv6(9), Fleet.Agent6(9))));
        await Assert.ThrowsAsync<DomainException>(() => new StrategyService(db.Database).ApplyAsync());

        Assert.Equal(before, db.Dump());
    }

    [Fact]
    public async Task D4_delete_of_an_unmanaged_offline_subcloud_removes_it_and_its_alarms()
    {
        await using var db = await TempDatabase.CreateAsync();
        var registry = Registry(db);
        await AddOnlineAsync(db, "subcloud1", 1);
        await registry.RecordAuditAsync("subcloud1", AuditKind.Availability, AgentProbe.Failed("down"));
        await registry.RecordAuditAsync("subcloud1", AuditKind.Availability, AgentProbe.Failed("down"));
        Assert.Contains(await registry.ListAlarmsAsync(), a => a.AlarmId == SubcloudAlarmIds.Offline);
        await registry.UnmanageAsync("subcloud1");

        await registry.DeleteAsync("subcloud1");

        Assert.Empty(await registry.ListAsync());
        Assert.Empty(await registry.ListAlarmsAsync());
    }

    [Fact]
    public async Task D6_H14_audits_raise_280_001_once_and_clear_it_when_the_subcloud_is_back()
    {
        await using var db = await TempDatabase.CreateAsync();
        var registry = Registry(db);
        var subcloud = await AddOnlineAsync(db, "subcloud1", 1);

        for (var i = 0; i < 4; i++)
        {
            db.Time.Advance(TimeSpan.FromSeconds(30));
            await registry.RecordAuditAsync("subcloud1", AuditKind.Availability, AgentProbe.Failed("unavailable"));
        }

        var alarm = Assert.Single(await registry.ListAlarmsAsync());
        Assert.Equal((SubcloudAlarmIds.Offline, "subcloud=subcloud1"), (alarm.AlarmId, alarm.Entity));
        Assert.Equal(Fleet.Start.AddSeconds(60), alarm.RaisedAt);

        var back = await registry.RecordAuditAsync("subcloud1", AuditKind.Availability, AgentProbe.Answered(ReportedSites.SiteOf(subcloud)));
        Assert.True(back!.FullAuditRequested);
        Assert.Empty(await registry.ListAlarmsAsync());
    }

    [Fact]
    public async Task D10_groups_round_trip_and_a_rename_moves_the_members()
    {
        await using var db = await TempDatabase.CreateAsync();
        var registry = Registry(db);
        await registry.AddAsync(Fleet.Add("subcloud1", Fleet.Ipv6(1), Fleet.Agent6(1)));
        var edge = await registry.AddGroupAsync("edge", "far away", ApplyType.Serial, 5);
        await registry.MoveToGroupAsync("subcloud1", "edge");

        var renamed = await registry.UpdateGroupAsync("edge", new SubcloudGroupChanges(Name: "edge-west", MaxParallelSubclouds: 50));
        await db.ReopenAsync();

        Assert.Equal(edge with { Name = "edge-west", MaxParallelSubclouds = 50 }, renamed);
        Assert.Equal(renamed, await Registry(db).GetGroupAsync("2"));
        Assert.Equal(["subcloud1"], await Registry(db).GroupMembersAsync("edge-west"));
        Assert.Equal("edge-west", (await Registry(db).GetAsync("subcloud1")).Group);
    }

    [Fact]
    public async Task D11_D18_a_strategy_and_its_progress_survive_a_restart_and_one_exists_at_a_time()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "sx1", 1);
        await AddOnlineAsync(db, "dx2", 2, "duplex");
        var strategies = new StrategyService(db.Database);
        var parameters = new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml));

        var created = await strategies.CreateAsync(parameters);
        await Assert.ThrowsAsync<DomainException>(() => strategies.CreateAsync(parameters));
        await strategies.ApplyAsync();
        await strategies.StartStepAsync("dx2", 0);
        await strategies.FinishStepAsync("dx2", 0, succeeded: true, "pool added");
        await strategies.StartStepAsync("dx2", 1);

        await db.ReopenAsync();
        var read = (await new StrategyService(db.Database).GetAsync())!;

        Assert.Equal(StrategyState.Applying, read.State);
        Assert.Equal(created.Subclouds.Select(s => s.Steps.Select(x => x.OperationId)).SelectMany(x => x), read.Subclouds.SelectMany(s => s.Steps.Select(x => x.OperationId)));
        Assert.Equal(created.Subclouds.SelectMany(s => s.Steps.Select(x => x.Action)), read.Subclouds.SelectMany(s => s.Steps.Select(x => x.Action)));
        Assert.Equal(parameters.SecondarySubnets!.Entries["default"], read.Parameters.SecondarySubnets!.Entries["default"]);
        var dx2 = read.For("dx2");
        Assert.Equal([StepState.Succeeded, StepState.Running, StepState.Pending], dx2.Steps.Take(3).Select(s => s.State));
        Assert.Equal("pool added", dx2.Steps[0].Message);
        Assert.Equal(created.For("dx2").Notices, dx2.Notices);
        Assert.Equal(created.For("dx2").TargetPools, dx2.TargetPools);
    }

    [Fact]
    public async Task D18_a_strategy_command_never_works_on_an_older_copy_than_the_stored_one_even_when_the_clock_stands_still()
    {
        // The service reuses the strategy its last command committed. Another writer (here a second service on the
        // same file; in the host, any path the copy missed) must make it read the stored state again, and with a
        // clock that does not move only the strictly increasing update time tells the two apart.
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "sx1", 1);
        var first = new StrategyService(db.Database);
        await first.CreateAsync(new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml)));
        var applied = await first.ApplyAsync();

        var second = new StrategyService(db.Database);
        await second.StartStepAsync("sx1", 0);
        var finished = await second.FinishStepAsync("sx1", 0, succeeded: true, "pool added");
        await first.StartStepAsync("sx1", 1);

        var stored = (await new StrategyService(db.Database).GetAsync())!;
        Assert.True(finished.UpdatedAt > applied.UpdatedAt, "each stored change is later than the one before, clock or not");
        Assert.Equal([StepState.Succeeded, StepState.Running], stored.For("sx1").Steps.Take(2).Select(s => s.State));
        Assert.Equal("pool added", stored.For("sx1").Steps[0].Message);
    }

    [Fact]
    public async Task D20_starting_a_step_commits_its_workflow_and_message_and_a_restart_requeues_what_is_unfinished()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "sx1", 1);
        var strategies = new StrategyService(db.Database);
        await strategies.CreateAsync(new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml)));
        await strategies.ApplyAsync();
        var started = await strategies.StartStepAsync("sx1", 0);
        var operationId = started.For("sx1").Steps[0].OperationId;
        var outbox = new WorkflowOutbox(db.Database);

        var pending = Assert.Single(await outbox.PendingMessagesAsync());
        Assert.Equal(operationId, pending.OperationId);
        Assert.Contains(operationId, pending.Body, StringComparison.Ordinal);
        await outbox.MarkPublishedAsync([pending.Id]);
        Assert.Empty(await outbox.PendingMessagesAsync());

        // The process dies with the message in an in-memory bus: on start the unfinished workflow is queued again.
        await db.ReopenAsync();
        outbox = new WorkflowOutbox(db.Database);
        var unfinished = Assert.Single(await outbox.UnfinishedAsync());
        Assert.Equal((operationId, WorkflowKinds.StrategyStep, "sx1"), (unfinished.OperationId, unfinished.Kind, unfinished.Subcloud));
        Assert.Equal(1, await outbox.RequeueUnfinishedAsync());
        Assert.Equal(0, await outbox.RequeueUnfinishedAsync());
        Assert.Equal(operationId, Assert.Single(await outbox.PendingMessagesAsync()).OperationId);

        // Finished once: a redelivered message finds it finished and changes nothing.
        await new StrategyService(db.Database).FinishStepAsync("sx1", 0, succeeded: true, null);
        Assert.Empty(await outbox.UnfinishedAsync());
        Assert.False(await outbox.FinishAsync(operationId, succeeded: false, "late duplicate"));
        Assert.Equal(WorkflowState.Succeeded, (await outbox.GetAsync(operationId))!.State);
    }

    [Fact]
    public async Task D21_a_workflow_id_names_one_piece_of_work()
    {
        await using var db = await TempDatabase.CreateAsync();
        var outbox = new WorkflowOutbox(db.Database);
        var request = new WorkflowRequest("lock-1", WorkflowKinds.HostLock, "sx1", "{\"host\":\"controller-0\"}");

        var first = await outbox.EnqueueAsync(request);
        var repeat = await outbox.EnqueueAsync(request);
        var error = await Assert.ThrowsAsync<DomainException>(() => outbox.EnqueueAsync(request with { Payload = "{}" }));

        Assert.Equal(first, repeat);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Single(await outbox.PendingMessagesAsync());
    }

    [Fact]
    public async Task D12_a_subcloud_that_finishes_its_steps_expects_its_new_pools_and_D11_a_terminal_strategy_is_deleted()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AddOnlineAsync(db, "sx1", 1);
        var strategies = new StrategyService(db.Database);
        await strategies.CreateAsync(new StrategyParameters(NetworkModeTarget.DualStack, SecondarySubnets: SecondarySubnets.Parse(Fleet.SecondarySubnetsYaml)));
        var strategy = await strategies.ApplyAsync();

        while (StrategyMachine.NextSteps(strategy) is { Count: > 0 } next)
        {
            foreach (var (subcloud, step) in next)
            {
                await strategies.StartStepAsync(subcloud, step.Index);
                strategy = await strategies.FinishStepAsync(subcloud, step.Index, succeeded: true, null);
            }
        }

        Assert.Equal(StrategyState.Complete, strategy.State);
        var sx1 = await Registry(db).GetAsync("sx1");
        Assert.Equal("dual-stack", sx1.NetworkMode);
        Assert.Equal(strategy.For("sx1").TargetPools, sx1.Pools);
        Assert.Empty(await new WorkflowOutbox(db.Database).UnfinishedAsync());

        await strategies.DeleteAsync();
        Assert.Null(await strategies.GetAsync());
    }
}
