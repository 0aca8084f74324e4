using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Model;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Persistence.Records;
using DistributedCloud.Site.Pods;
using DistributedCloud.Storage;
using DistributedCloud.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Site.Persistence;

/// <summary>
/// Reads and writes a whole <see cref="SiteModel"/> to the SQLite file, on the shared store foundation. A save is one
/// transaction that brings every table to the model's state, so a command is stored whole or not at all (N-33).
/// Loading rebuilds <see cref="SiteNetworks"/> through its own rules, with the stored uuids.
/// </summary>
internal sealed class SiteStore
{
    private static readonly JsonSerializerOptions OutcomeJson = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly RelationalStore<SiteDbContext> _store;

    public SiteStore(string databasePath)
    {
        _store = new RelationalStore<SiteDbContext>(new SqliteStoreProvider(databasePath), options => new SiteDbContext(options));
    }

    /// <summary>Migrates the schema (WAL journal on), or refuses a database behind it with <paramref name="behind"/>'s exception.</summary>
    public Task<IReadOnlyList<string>> OpenAsync(bool migrate, Func<IReadOnlyList<string>, Exception> behind, CancellationToken cancellationToken) =>
        _store.OpenAsync(migrate, behind, cancellationToken);

    /// <summary>Creates or upgrades the schema and sets the journal mode (WAL); returns the migrations applied now.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) => _store.MigrateAsync(cancellationToken);

    public Task<(SiteModel Model, string BootstrapDigest)?> LoadAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(context => LoadAsync(context, cancellationToken), cancellationToken);

    private static async Task<(SiteModel Model, string BootstrapDigest)?> LoadAsync(SiteDbContext context, CancellationToken cancellationToken)
    {
        var site = await context.Sites.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return null;
        }

        var pools = await context.Pools.AsNoTracking().OrderBy(p => p.Position).ToListAsync(cancellationToken).ConfigureAwait(false);
        var networks = await context.Networks.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var assignments = await context.Assignments.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var hosts = await context.Hosts.AsNoTracking().OrderBy(h => h.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var addresses = await context.HostAddresses.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var alarms = await context.Alarms.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var operations = await context.Operations.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var pods = await context.Pods.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var networkChanges = await context.NetworkChanges.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);

        if (!SystemModes.TryParse(site.Mode, out var mode))
        {
            throw new InvalidDataException($"the stored site has system mode '{site.Mode}', which this version does not know");
        }

        var siteNetworks = new SiteNetworks(mode);
        foreach (var pool in pools)
        {
            siteNetworks.AddPool(new AddressPoolSpec(
                pool.Name,
                pool.NetworkAddress,
                pool.Prefix.ToString(CultureInfo.InvariantCulture),
                pool.Order,
                pool.Ranges,
                pool.FloatingAddress,
                pool.Controller0Address,
                pool.Controller1Address,
                pool.GatewayAddress), pool.Uuid);
        }

        // Primaries first, in network id order, then the secondaries in the same order (N-17 wants oam before cluster-pod).
        var typed = networks
            .Select(n => (Record: n, Type: NetworkTypes.TryParse(n.Type, out var t) ? t : throw new InvalidDataException($"unknown stored network type '{n.Type}'")))
            .OrderBy(n => n.Type.DefaultId())
            .ToArray();
        foreach (var (record, type) in typed)
        {
            var primary = assignments.Single(a => a.NetworkUuid == record.Uuid && a.IsPrimary);
            siteNetworks.CreateNetwork(type, primary.PoolUuid.ToString(), record.Uuid, primary.Uuid);
        }

        foreach (var (record, _) in typed)
        {
            foreach (var secondary in assignments.Where(a => a.NetworkUuid == record.Uuid && !a.IsPrimary))
            {
                siteNetworks.AssignPool(record.Uuid.ToString(), secondary.PoolUuid.ToString(), SiteConditions.Default, secondary.Uuid);
            }
        }

        siteNetworks.MarkConfigured(site.KubernetesDualStack);

        var identity = new SiteIdentity(
            site.SystemUuid,
            site.Name,
            site.Release,
            site.DnsServers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse).ToArray(),
            site.CreatedAt);
        var platformHosts = hosts.Select(h =>
        {
            var host = new PlatformHost(h.Id, h.Uuid, h.Name, Enum.Parse<HostRole>(h.Personality));
            host.Restore(
                Enum.Parse<AdministrativeState>(h.Administrative),
                Enum.Parse<OperationalState>(h.Operational),
                Enum.Parse<Availability>(h.Availability),
                Enum.Parse<ControllerRole>(h.Role),
                h.Task,
                h.RunningAction is null ? null : Enum.Parse<HostAction>(h.RunningAction),
                h.ConfigTarget,
                h.ConfigApplied,
                h.RebootRequired,
                h.LastFailure);
            return host;
        }).ToArray();

        var model = new SiteModel(identity, siteNetworks, platformHosts, site.ConfigGeneration);
        foreach (var address in addresses)
        {
            model.RestoreAllocation(address.HostName, address.PoolUuid, IPAddress.Parse(address.Address));
        }

        foreach (var alarm in alarms.OrderBy(a => a.RaisedAt))
        {
            model.RestoreAlarm(new Alarm(alarm.Uuid, alarm.AlarmId, Enum.Parse<AlarmSeverity>(alarm.Severity), alarm.EntityInstanceId,
                alarm.ReasonText, alarm.RepairAction, alarm.RaisedAt));
        }

        foreach (var pod in pods.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            model.RestorePod(new SitePod(pod.Name, pod.DualStack, pod.StartedAt));
        }

        foreach (var operation in operations)
        {
            model.RestoreOperation(new HostOperation(operation.OperationId, Enum.Parse<HostAction>(operation.Action), operation.HostName,
                operation.Force, Enum.Parse<OperationState>(operation.State), operation.Message, operation.StartedAt, operation.FinishedAt));
        }

        foreach (var change in networkChanges)
        {
            var outcome = JsonSerializer.Deserialize<NetworkChangeOutcome>(change.Outcome, OutcomeJson)
                ?? throw new InvalidDataException($"the stored network change '{change.OperationId}' has no outcome");
            model.RestoreNetworkChange(new RecordedNetworkChange(change.OperationId, change.StepsDigest, outcome));
        }

        return (model, site.BootstrapDigest);
    }

    /// <summary>Writes the model in one transaction: every table ends exactly as the model says.</summary>
    public Task SaveAsync(SiteModel model, string bootstrapDigest, CancellationToken cancellationToken) =>
        _store.WriteAsync(async context =>
        {
            await SaveAsync(context, model, bootstrapDigest, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static async Task SaveAsync(SiteDbContext context, SiteModel model, string bootstrapDigest, CancellationToken cancellationToken)
    {
        var networks = model.Networks;
        await SyncAsync(context, context.Sites, [new SiteRecord
        {
            Id = 1,
            SystemUuid = model.Identity.SystemUuid,
            Name = model.Identity.Name,
            Mode = model.Mode.Name(),
            Release = model.Identity.Release,
            DnsServers = string.Join(',', model.Identity.DnsServers),
            KubernetesDualStack = networks.KubernetesDualStack,
            ConfigGeneration = model.ConfigGeneration,
            BootstrapDigest = bootstrapDigest,
            CreatedAt = model.Identity.CreatedAt,
        }], r => r.Id, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Pools, networks.Pools.Select((p, i) => new PoolRecord
        {
            Uuid = p.Uuid,
            Position = i,
            Name = p.Name,
            NetworkAddress = p.Subnet.NetworkAddress.ToString(),
            Prefix = p.Subnet.PrefixLength,
            Order = AddressPoolFields.OrderName(p.Order),
            Ranges = string.Join(',', p.Ranges),
            FloatingAddress = p.FloatingAddress?.ToString(),
            Controller0Address = p.Controller0Address?.ToString(),
            Controller1Address = p.Controller1Address?.ToString(),
            GatewayAddress = p.GatewayAddress?.ToString(),
        }), r => r.Uuid, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Networks, networks.Networks.Select(n => new NetworkRecord { Uuid = n.Uuid, Type = n.Name }),
            r => r.Uuid, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Assignments, networks.Networks.SelectMany(n => n.Assignments.Select(a => new AssignmentRecord
        {
            Uuid = a.Uuid,
            NetworkUuid = n.Uuid,
            PoolUuid = a.PoolUuid,
            IsPrimary = a.IsPrimary,
        })), r => r.Uuid, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Hosts, model.Hosts.Select(h => new HostRecord
        {
            Uuid = h.Uuid,
            Id = h.Id,
            Name = h.Name,
            Personality = h.Personality.ToString(),
            Administrative = h.Administrative.ToString(),
            Operational = h.Operational.ToString(),
            Availability = h.Availability.ToString(),
            Role = h.Role.ToString(),
            Task = h.Task,
            RunningAction = h.RunningAction?.ToString(),
            ConfigTarget = h.ConfigTarget,
            ConfigApplied = h.ConfigApplied,
            RebootRequired = h.RebootRequired,
            LastFailure = h.LastFailure,
        }), r => r.Uuid, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.HostAddresses, model.Allocations.Select(a => new HostAddressRecord
        {
            HostName = a.Key.Host,
            PoolUuid = a.Key.Pool,
            Address = a.Value.ToString(),
        }), r => (r.HostName, r.PoolUuid), cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Alarms, model.Alarms.Select(a => new AlarmRecord
        {
            Uuid = a.Uuid,
            AlarmId = a.AlarmId,
            Severity = a.Severity.ToString(),
            EntityInstanceId = a.EntityInstanceId,
            ReasonText = a.ReasonText,
            RepairAction = a.RepairAction,
            RaisedAt = a.RaisedAt,
        }), r => r.Uuid, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Operations, model.Operations.Select(o => new OperationRecord
        {
            OperationId = o.OperationId,
            Action = o.Action.ToString(),
            HostName = o.HostName,
            Force = o.Force,
            State = o.State.ToString(),
            Message = o.Message,
            StartedAt = o.StartedAt,
            FinishedAt = o.FinishedAt,
        }), r => r.OperationId, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.Pods, model.Pods.Select(p => new PodRecord
        {
            Name = p.Name,
            DualStack = p.DualStack,
            StartedAt = p.StartedAt,
        }), r => r.Name, cancellationToken).ConfigureAwait(false);

        await SyncAsync(context, context.NetworkChanges, model.NetworkChanges.Select(c => new NetworkChangeRecord
        {
            OperationId = c.OperationId,
            StepsDigest = c.StepsDigest,
            Outcome = JsonSerializer.Serialize(c.Outcome, OutcomeJson),
            AppliedAt = c.Outcome.AppliedAt,
        }), r => r.OperationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds, updates (only changed columns) and removes rows so the table holds exactly <paramref name="desired"/>.</summary>
    private static async Task SyncAsync<TRecord, TKey>(
        SiteDbContext context,
        DbSet<TRecord> set,
        IEnumerable<TRecord> desired,
        Func<TRecord, TKey> key,
        CancellationToken cancellationToken)
        where TRecord : class
        where TKey : notnull
    {
        var existing = (await set.ToListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(key);
        var seen = new HashSet<TKey>();
        foreach (var record in desired)
        {
            var id = key(record);
            seen.Add(id);
            if (existing.TryGetValue(id, out var stored))
            {
                context.Entry(stored).CurrentValues.SetValues(record);
            }
            else
            {
                set.Add(record);
            }
        }

        foreach (var (id, stored) in existing)
        {
            if (!seen.Contains(id))
            {
                set.Remove(stored);
            }
        }
    }
}
