using DistributedCloud.Controller.Core.Alarms;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Sites;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>
/// The subcloud registry and groups (D-1..D-4, D-10) and the recording of audits (D-6, D-7) on the controller's store.
/// Each command is one transaction that checks every rule before writing; a refused command changes nothing.
/// </summary>
public sealed class SubcloudRegistry
{
    private readonly ControllerDatabase _database;
    private readonly Func<SiteNetworks> _controllerSite;
    private readonly SubcloudRegistryOptions _options;
    private readonly AuditOptions _audit;

    /// <param name="database">The controller's store.</param>
    /// <param name="controllerSite">The controller's own networks, for N-34.</param>
    /// <param name="options">Registry settings (N-36 minimum release, default agent port).</param>
    /// <param name="audit">Audit settings (D-6 hysteresis).</param>
    /// <summary>Completes once the store is open (the host opens it after binding its listeners).</summary>
    public Task WhenOpen => _database.WhenOpen;

    public SubcloudRegistry(ControllerDatabase database, SiteNetworks controllerSite, SubcloudRegistryOptions? options = null, AuditOptions? audit = null)
        : this(database, () => controllerSite, options, audit)
    {
        ArgumentNullException.ThrowIfNull(controllerSite);
    }

    /// <param name="database">The controller's store.</param>
    /// <param name="controllerSite">The controller's own networks as they are now (its site may change at run time), for N-34.</param>
    /// <param name="options">Registry settings (N-36 minimum release, default agent port).</param>
    /// <param name="audit">Audit settings (D-6 hysteresis).</param>
    public SubcloudRegistry(ControllerDatabase database, Func<SiteNetworks> controllerSite, SubcloudRegistryOptions? options = null, AuditOptions? audit = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(controllerSite);
        _database = database;
        _controllerSite = controllerSite;
        _options = options ?? new SubcloudRegistryOptions();
        _audit = audit ?? new AuditOptions();
    }

    public Task<IReadOnlyList<Subcloud>> ListAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(context => LoadAllAsync(context, cancellationToken), cancellationToken);

    public Task<Subcloud> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async context => RecordMapping.ToSubcloud(await FindAsync(context, name, cancellationToken).ConfigureAwait(false)), cancellationToken);

    /// <summary>D-2: validates everything (N-34..N-37 against the controller and every subcloud) before storing anything.</summary>
    public Task<Subcloud> AddAsync(SubcloudAddRequest request, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud add", context => AddInAsync(context, request, cancellationToken), cancellationToken);

    /// <summary>The add's checks and write inside a command's transaction (the enrollment adds its join token to it).</summary>
    internal async Task<Subcloud> AddInAsync(ControllerDbContext context, SubcloudAddRequest request, CancellationToken cancellationToken)
    {
        var existing = await LoadAllAsync(context, cancellationToken).ConfigureAwait(false);
        var groups = await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false);
        var subcloud = SubcloudRules.Admit(request, _controllerSite(), existing, groups, _options, _database.Time.GetUtcNow(), RegionIds.New());
        context.Subclouds.Add(RecordMapping.ToRecord(subcloud with { Version = 1 }));
        _database.Logger.SubcloudAdded(subcloud.Name, subcloud.Region, subcloud.Mode.Name(), subcloud.NetworkMode, subcloud.Agent.ToString());
        return subcloud with { Version = 1 };
    }

    public Task<Subcloud> ManageAsync(string name, bool force = false, CancellationToken cancellationToken = default) =>
        ChangeAsync("subcloud manage", name, s => SubcloudRules.Manage(s, force), cancellationToken);

    public Task<Subcloud> UnmanageAsync(string name, CancellationToken cancellationToken = default) =>
        ChangeAsync("subcloud unmanage", name, SubcloudRules.Unmanage, cancellationToken, clearSyncAlarm: true);

    /// <summary>D-4: needs unmanaged and offline (or force), no workflow or applying strategy step on it, no peer group.</summary>
    public Task DeleteAsync(string name, bool force = false, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud delete", context => DeleteInAsync(context, name, force, cancellationToken), cancellationToken);

    /// <summary>The delete's checks and write inside a command's transaction (the enrollment revokes in it too).</summary>
    internal async Task<int> DeleteInAsync(ControllerDbContext context, string name, bool force, CancellationToken cancellationToken)
    {
        var record = await FindAsync(context, name, cancellationToken).ConfigureAwait(false);
        var subcloud = RecordMapping.ToSubcloud(record);
        var inFlight = (await WorkflowOutbox.UnfinishedAsync(context, cancellationToken).ConfigureAwait(false)).Any(w => w.Subcloud == name)
            || await InApplyingStrategyAsync(context, name, cancellationToken).ConfigureAwait(false);
        SubcloudRules.CheckDelete(subcloud, force, inFlight, peerGroup: null);
        context.Subclouds.Remove(record);
        var entity = SubcloudAlarmIds.Entity(name);
        context.Alarms.RemoveRange(await context.Alarms.Where(a => a.Entity == entity).ToListAsync(cancellationToken).ConfigureAwait(false));
        _database.Logger.SubcloudDeleted(name);
        return 0;
    }

    public Task<Subcloud> MoveToGroupAsync(string name, string group, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud update", async context =>
        {
            var groups = await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false);
            var record = await FindAsync(context, name, cancellationToken).ConfigureAwait(false);
            var updated = SubcloudRules.MoveToGroup(RecordMapping.ToSubcloud(record), group, groups);
            Write(record, updated);
            return updated with { Version = record.Version };
        }, cancellationToken);

    /// <summary>
    /// Records one audit's probe (D-6, D-7): availability hysteresis, sync status, alarms 280.001/280.002 raised or
    /// cleared, in one transaction. A subcloud deleted meanwhile gives null.
    /// </summary>
    public Task<AuditOutcome?> RecordAuditAsync(string name, AuditKind kind, AgentProbe probe, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud audit", async context =>
        {
            var record = await context.Subclouds.FindAsync([name], cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            var before = RecordMapping.ToSubcloud(record);
            var outcome = SubcloudAuditor.Apply(before, kind, probe, _database.Time.GetUtcNow(), _audit);
            Write(record, outcome.Subcloud);
            await ApplyAlarmsAsync(context, outcome.Alarms, cancellationToken).ConfigureAwait(false);
            _database.Telemetry.Audits.Add(1, new("kind", kind.ToString()), new("outcome", probe.Succeeded ? "ok" : "failed"));
            switch (outcome.Transition)
            {
                case AvailabilityTransition.WentOffline:
                    _database.Logger.SubcloudOffline(name, probe.Failure);
                    _database.Telemetry.AvailabilityChanges.Add(1, new KeyValuePair<string, object?>("to", "offline"));
                    break;
                case AvailabilityTransition.CameOnline:
                    _database.Logger.SubcloudOnline(name);
                    _database.Telemetry.AvailabilityChanges.Add(1, new KeyValuePair<string, object?>("to", "online"));
                    break;
            }

            if (!probe.Succeeded)
            {
                _database.Logger.AuditFailed(kind.ToString(), name, probe.Failure ?? "no answer");
            }
            else if (before.OverallSync != outcome.Subcloud.OverallSync)
            {
                _database.Logger.SubcloudSync(name, outcome.Subcloud.Sync.ToText());
            }

            return outcome with { Subcloud = outcome.Subcloud with { Version = record.Version } };
        }, cancellationToken);

    /// <summary>
    /// The fleet's numbers (<see cref="FleetCounts"/>): one grouped query over the subclouds (by availability,
    /// management, stored sync text, primary family and whether any pool is a secondary) and one over the alarms (by
    /// severity). The database scans the table and returns a handful of rows; no subcloud is loaded, mapped or parsed
    /// in the process (<see cref="ListAsync"/> would allocate the whole fleet at every scrape).
    /// </summary>
    public Task<FleetCounts> CountAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async context =>
        {
            var groups = await context.Subclouds.AsNoTracking()
                .GroupBy(s => new { s.Availability, s.Management, s.Sync, s.PrimaryFamily, DualStack = s.Pools.Contains(SecondaryPoolMarker) })
                .Select(g => new { g.Key.Availability, g.Key.Management, g.Key.Sync, g.Key.PrimaryFamily, g.Key.DualStack, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var alarms = await context.Alarms.AsNoTracking()
                .GroupBy(a => a.Severity)
                .Select(g => new { Severity = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            // The stored sync text (endpoint=status;...) has a handful of distinct values; the overall status is D-7's
            // rule over it, combined here rather than in SQL.
            var subclouds = groups
                .Select(g => new SubcloudStateCount(
                    StateNames.Parse<SubcloudAvailability>(g.Availability),
                    StateNames.Parse<ManagementState>(g.Management),
                    EndpointSyncStatus.Parse(g.Sync).Overall,
                    g.DualStack,
                    (IpFamily)g.PrimaryFamily,
                    g.Count))
                .GroupBy(c => (c.Availability, c.Management, c.Sync, c.DualStack, c.PrimaryFamily))
                .Select(g => g.First() with { Count = g.Sum(c => c.Count) })
                .ToArray();
            return new FleetCounts(subclouds, alarms.ToDictionary(a => a.Severity, a => a.Count, StringComparer.Ordinal));
        }, cancellationToken);

    public Task<IReadOnlyList<ControllerAlarm>> ListAlarmsAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<ControllerAlarm>>(async context =>
            (await context.Alarms.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(RecordMapping.ToAlarm).OrderBy(a => a.AlarmId, StringComparer.Ordinal).ThenBy(a => a.Entity, StringComparer.Ordinal).ToArray(),
            cancellationToken);

    // ---- groups (D-10) ----

    public Task<IReadOnlyList<SubcloudGroup>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<SubcloudGroup>>(async context => await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false), cancellationToken);

    public Task<SubcloudGroup> GetGroupAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async context => SubcloudGroupRules.Find(nameOrId, await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false)), cancellationToken);

    public Task<SubcloudGroup> AddGroupAsync(string name, string? description = null, ApplyType applyType = ApplyType.Parallel, int? maxParallelSubclouds = null, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud-group add", async context =>
        {
            var groups = await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false);
            var group = SubcloudGroupRules.Create(groups.Max(g => g.Id) + 1, name, description, applyType, maxParallelSubclouds, groups);
            context.Groups.Add(RecordMapping.ToRecord(group));
            return group;
        }, cancellationToken);

    public Task<SubcloudGroup> UpdateGroupAsync(string nameOrId, SubcloudGroupChanges changes, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud-group update", async context =>
        {
            var groups = await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false);
            var group = SubcloudGroupRules.Find(nameOrId, groups);
            var updated = SubcloudGroupRules.Update(group, changes, groups);
            var record = await context.Groups.FindAsync([group.Id], cancellationToken).ConfigureAwait(false);
            var replacement = RecordMapping.ToRecord(updated);
            context.Entry(record!).CurrentValues.SetValues(replacement);
            if (updated.Name != group.Name)
            {
                foreach (var member in await context.Subclouds.Where(s => s.GroupName == group.Name).ToListAsync(cancellationToken).ConfigureAwait(false))
                {
                    member.GroupName = updated.Name;
                    member.Version++;
                }
            }

            return updated;
        }, cancellationToken);

    public Task DeleteGroupAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("subcloud-group delete", async context =>
        {
            var groups = await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false);
            var group = SubcloudGroupRules.Find(nameOrId, groups);
            var members = (await context.Subclouds.AsNoTracking().Where(s => s.GroupName == group.Name).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(RecordMapping.ToSubcloud).ToArray();
            SubcloudGroupRules.CheckDelete(group, members);
            context.Groups.Remove((await context.Groups.FindAsync([group.Id], cancellationToken).ConfigureAwait(false))!);
            return 0;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> GroupMembersAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<string>>(async context =>
        {
            var group = SubcloudGroupRules.Find(nameOrId, await LoadGroupsAsync(context, cancellationToken).ConfigureAwait(false));
            var names = await context.Subclouds.AsNoTracking().Where(s => s.GroupName == group.Name).Select(s => s.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
            return names.Order(StringComparer.Ordinal).ToArray();
        }, cancellationToken);

    // ---- shared ----

    /// <summary>
    /// What a secondary pool looks like in the stored pools JSON: a subcloud is dual-stack exactly when one of its pools
    /// is not primary (<see cref="Subcloud.IsDualStack"/>; pxeboot is IPv4 only and never has a secondary).
    /// </summary>
    internal static readonly string SecondaryPoolMarker =
        $"\"{ControllerJson.Options.PropertyNamingPolicy!.ConvertName(nameof(SubcloudPool.IsPrimary))}\":false";

    internal static async Task<IReadOnlyList<Subcloud>> LoadAllAsync(ControllerDbContext context, CancellationToken cancellationToken) =>
        (await context.Subclouds.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(RecordMapping.ToSubcloud).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    internal static async Task<IReadOnlyList<SubcloudGroup>> LoadGroupsAsync(ControllerDbContext context, CancellationToken cancellationToken) =>
        (await context.Groups.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).Select(RecordMapping.ToGroup).OrderBy(g => g.Id).ToArray();

    internal static async Task<SubcloudRecord> FindAsync(ControllerDbContext context, string name, CancellationToken cancellationToken) =>
        await context.Subclouds.FindAsync([name], cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException(new DomainError("D-1", "name", $"no subcloud is named '{name}'; 'subcloud list' shows them", ErrorKind.NotFound));

    /// <summary>Writes the changed subcloud into its tracked row, bumping the version.</summary>
    internal static void Write(SubcloudRecord record, Subcloud subcloud)
    {
        var version = record.Version;
        RecordMapping.CopyTo(subcloud, record);
        record.Version = version + 1;
    }

    internal static async Task ApplyAlarmsAsync(ControllerDbContext context, IEnumerable<AlarmChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var existing = await context.Alarms.FindAsync([change.Alarm.AlarmId, change.Alarm.Entity], cancellationToken).ConfigureAwait(false);
            if (change.Cleared)
            {
                if (existing is not null)
                {
                    context.Alarms.Remove(existing);
                }
            }
            else if (existing is null)
            {
                context.Alarms.Add(RecordMapping.ToRecord(change.Alarm));
            }
            else
            {
                // H-14: raised once per entity; the text follows the latest cause, the raised time stays.
                existing.Reason = change.Alarm.Reason;
            }
        }
    }

    private static async Task<bool> InApplyingStrategyAsync(ControllerDbContext context, string name, CancellationToken cancellationToken)
    {
        var active = new[] { StrategyState.Applying.Name(), StrategyState.Aborting.Name() };
        var running = new[] { StepState.Running.Name(), StepState.Paused.Name() };
        return await context.Strategies.AnyAsync(s => active.Contains(s.State), cancellationToken).ConfigureAwait(false)
            && await context.StrategySubclouds.AnyAsync(p => p.Subcloud == name && running.Contains(p.State), cancellationToken).ConfigureAwait(false);
    }

    private Task<Subcloud> ChangeAsync(string command, string name, Func<Subcloud, Subcloud> change, CancellationToken cancellationToken, bool clearSyncAlarm = false) =>
        _database.CommandAsync(command, async context =>
        {
            var record = await FindAsync(context, name, cancellationToken).ConfigureAwait(false);
            var updated = change(RecordMapping.ToSubcloud(record));
            Write(record, updated);
            if (clearSyncAlarm)
            {
                await ApplyAlarmsAsync(context, [AlarmChange.Clear(SubcloudAlarmIds.OutOfSync, SubcloudAlarmIds.Entity(name), _database.Time.GetUtcNow())], cancellationToken).ConfigureAwait(false);
            }

            _database.Logger.SubcloudManagement(name, updated.Management.Name());
            return updated with { Version = record.Version };
        }, cancellationToken);
}
