using System.Net;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Alarms;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Operations;
using DistributedCloud.Site.Pods;
using DistributedCloud.Site.Views;

namespace DistributedCloud.Site.Model;

/// <summary>
/// One site in memory: its networks and pools (through <see cref="SiteNetworks"/>), hosts, alarms, pods, address
/// allocations and host actions, with every rule of hosts.md and the effects of networking.md N-27..N-31. Pure: no
/// I/O, time is passed in. Not thread-safe: <see cref="SiteManager"/> runs one command at a time and persists it.
/// A command checks its rules before it changes anything; should a later step fail, the manager reloads the stored
/// site, so a failed command leaves nothing behind (N-33).
/// </summary>
public sealed class SiteModel
{
    /// <summary>How many finished host operations are kept for replay by operation id.</summary>
    internal const int FinishedOperationsKept = 200;

    /// <summary>How many applied network changes are kept for replay by operation id.</summary>
    internal const int NetworkChangesKept = 200;

    private readonly List<PlatformHost> _hosts;
    private readonly List<Alarm> _alarms = [];
    private readonly List<SitePod> _pods = [];
    private readonly Dictionary<(string Host, Guid Pool), IPAddress> _allocations = [];
    private readonly Dictionary<string, HostOperation> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordedNetworkChange> _networkChanges = new(StringComparer.Ordinal);
    private readonly Random _random = new();

    internal SiteModel(SiteIdentity identity, SiteNetworks networks, IEnumerable<PlatformHost> hosts, long configGeneration)
    {
        Identity = identity;
        Networks = networks;
        _hosts = hosts.OrderBy(h => h.Id).ToList();
        ConfigGeneration = configGeneration;
    }

    public SiteIdentity Identity { get; }

    public SystemMode Mode => Networks.Mode;

    public SiteNetworks Networks { get; }

    /// <summary>Grows with every configuration change; the rendered artifacts carry it (N-32).</summary>
    public long ConfigGeneration { get; private set; }

    public IReadOnlyList<PlatformHost> Hosts => _hosts;

    public IReadOnlyList<Alarm> Alarms => _alarms;

    public IReadOnlyList<SitePod> Pods => _pods;

    public IReadOnlyCollection<HostOperation> Operations => _operations.Values;

    /// <summary>The network changes applied by operation id (ApplyNetworkChange), kept for replay.</summary>
    public IReadOnlyCollection<RecordedNetworkChange> NetworkChanges => _networkChanges.Values;

    /// <summary>Addresses handed out to hosts from pools without a fixed address for them.</summary>
    public IReadOnlyDictionary<(string Host, Guid Pool), IPAddress> Allocations => _allocations;

    /// <summary>Facts the network rules read (N-10): a simplex controller's lock.</summary>
    public SiteConditions Conditions => new(
        UpgradeInProgress: false,
        SimplexControllerLocked: Mode == SystemMode.Simplex && _hosts.Any(h => h.IsController && h.Administrative == AdministrativeState.Locked));

    public string ActiveController =>
        _hosts.FirstOrDefault(h => h.Role == ControllerRole.Active)?.Name ?? _hosts.First(h => h.IsController).Name;

    /// <summary>Creates a site from a valid bootstrap plan: every host unlocked, enabled, available, up to date.</summary>
    public static SiteModel Create(BootstrapPlan plan, DateTimeOffset now, Guid? systemUuid = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var identity = new SiteIdentity(systemUuid ?? Guid.NewGuid(), plan.Name, plan.Release, plan.DnsServers.ToArray(), now);
        var target = NewConfigId();
        var hosts = plan.Hosts.Select((h, i) =>
        {
            var host = new PlatformHost(i + 1, Guid.NewGuid(), h.Host.Name, h.Host.Role);
            var role = !host.IsController ? ControllerRole.None
                : h.Host.Name == "controller-0" ? ControllerRole.Active : ControllerRole.Standby;
            host.Restore(AdministrativeState.Unlocked, OperationalState.Enabled, Availability.Available, role,
                null, null, target, target, false, null);
            return host;
        }).ToList();
        var model = new SiteModel(identity, plan.Networks, hosts, configGeneration: 1);

        // Keep the addresses the bootstrap handed out to hosts that have no fixed address in a pool.
        foreach (var addressing in plan.Hosts)
        {
            foreach (var network in addressing.Networks)
            {
                var platformNetwork = plan.Networks.Network(network.Network);
                if (platformNetwork is null)
                {
                    continue;
                }

                foreach (var address in network.Addresses)
                {
                    var pool = plan.Networks.PoolsOf(platformNetwork).FirstOrDefault(p => p.Subnet.Contains(address.Address));
                    if (pool is not null && FixedAddress(addressing.Host.Name, pool) is null)
                    {
                        model._allocations[(addressing.Host.Name, pool.Uuid)] = address.Address;
                    }
                }
            }
        }

        model.EnsureAllocations();
        return model;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Restoring a stored site

    internal void RestoreAlarm(Alarm alarm) => _alarms.Add(alarm);

    internal void RestorePod(SitePod pod) => _pods.Add(pod);

    internal void RestoreOperation(HostOperation operation) => _operations[operation.OperationId] = operation;

    internal void RestoreNetworkChange(RecordedNetworkChange change) => _networkChanges[change.OperationId] = change;

    internal void RestoreAllocation(string host, Guid pool, IPAddress address)
    {
        Networks.Pool(pool).Reserve(address);
        _allocations[(host, pool)] = address;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lookups

    public PlatformHost FindHost(string nameOrUuid)
    {
        var host = Guid.TryParse(nameOrUuid, out var uuid)
            ? _hosts.FirstOrDefault(h => h.Uuid == uuid)
            : _hosts.FirstOrDefault(h => string.Equals(h.Name, nameOrUuid?.Trim(), StringComparison.Ordinal));
        return host ?? throw new DomainException(new DomainError("H-1", "host",
            $"no host is named or has uuid '{nameOrUuid}'; 'host-list' shows the hosts ({string.Join(", ", _hosts.Select(h => h.Name))})",
            ErrorKind.NotFound));
    }

    public HostOperation? FindOperation(string operationId) =>
        _operations.TryGetValue(operationId, out var operation) ? operation : null;

    public RecordedNetworkChange? FindNetworkChange(string operationId) =>
        _networkChanges.TryGetValue(operationId, out var change) ? change : null;

    /// <summary>Remembers an applied network change for replay (the oldest beyond <see cref="NetworkChangesKept"/> are forgotten).</summary>
    public void RecordNetworkChange(RecordedNetworkChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _networkChanges[change.OperationId] = change;
        foreach (var old in _networkChanges.Values.OrderBy(c => c.Outcome.AppliedAt).Take(Math.Max(0, _networkChanges.Count - NetworkChangesKept)).ToArray())
        {
            _networkChanges.Remove(old.OperationId);
        }
    }

    /// <summary>A host's addresses per network, primary first, with gateways (the networks it is attached to).</summary>
    public IReadOnlyList<HostNetworkAddresses> AddressesOf(PlatformHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = new List<HostNetworkAddresses>();
        foreach (var network in Networks.Networks.Where(n => Serves(n, host)))
        {
            var addresses = new List<HostAddress>();
            var gateways = new List<IPAddress>();
            foreach (var pool in Networks.PoolsOf(network))
            {
                var address = FixedAddress(host.Name, pool)
                    ?? (_allocations.TryGetValue((host.Name, pool.Uuid), out var allocated) ? allocated : null);
                if (address is not null)
                {
                    addresses.Add(new HostAddress(address, pool.Subnet.PrefixLength));
                }

                if (pool.GatewayAddress is { } gateway)
                {
                    gateways.Add(gateway);
                }
            }

            result.Add(new HostNetworkAddresses(network.Type, addresses, gateways));
        }

        return result;
    }

    /// <summary>Every host with its addresses, in the shape the bootstrap planner gives (for the renderer mappings).</summary>
    public IReadOnlyList<HostAddressing> HostAddressings() =>
        _hosts.Select(h => new HostAddressing(h.AsSiteHost(), AddressesOf(h))).ToArray();

    /// <summary>
    /// The N-30 sequence that clears every pending reboot requirement, from the site as it is now (platform commands).
    /// </summary>
    public IReadOnlyList<string> PendingHostSequence() =>
        RuntimeChangeClassifier.HostSequence(Mode, SiteHosts(), _hosts.Where(h => h.ConfigOutOfDate).Select(h => h.Name).ToArray(), ActiveController);

    // ------------------------------------------------------------------------------------------------------------
    // Pools and networks (N-1..N-20 in SiteNetworks; effects N-27..N-31 here)

    public AddressPool AddPool(AddressPoolSpec spec) => Networks.AddPool(spec);

    public (AddressPool Pool, ConfigChange? Change) ModifyPool(string nameOrUuid, AddressPoolChanges changes, DateTimeOffset now)
    {
        var pool = Networks.ModifyPool(nameOrUuid, changes, Conditions);
        var network = Networks.NetworkOf(pool);
        if (network is null)
        {
            return (pool, null);
        }

        var change = new NetworkChange(network.Type, PoolChangeKind.Assign, pool.Family);
        var config = ApplyChange(change, KubernetesTransition.None, now, $"changing pool '{pool.Name}' of {network.Name}");
        return (pool, config);
    }

    public (AddressPool Pool, string? DeletedNetwork, ConfigChange? Change) DeletePool(string nameOrUuid, DateTimeOffset now)
    {
        var deletion = Networks.DeletePool(nameOrUuid, Conditions);
        ConfigChange? config = null;
        if (deletion.Detached is { } detached)
        {
            config = ApplyChange(detached.Change, detached.Kubernetes, now, null);
        }
        else if (deletion.DeletedNetwork is { } network)
        {
            config = ApplyChange(new NetworkChange(network.Type, PoolChangeKind.Remove, deletion.Pool.Family), KubernetesTransition.None, now,
                $"deleting the {network.Name} network with its pool '{deletion.Pool.Name}'");
        }

        ReleaseAllocations(deletion.Pool.Uuid);
        return (deletion.Pool, deletion.DeletedNetwork?.Name, config);
    }

    public (NetworkPoolView Assignment, ConfigChange Change) AssignPool(string networkNameOrUuid, string poolNameOrUuid, DateTimeOffset now)
    {
        var result = Networks.AssignPool(networkNameOrUuid, poolNameOrUuid, Conditions);
        var config = ApplyChange(result.Change, result.Kubernetes, now, null);
        return (ToView(result), config);
    }

    public (NetworkPoolView Assignment, ConfigChange Change) RemoveAssignment(string assignmentUuid, DateTimeOffset now)
    {
        var result = Networks.RemoveAssignment(assignmentUuid, Conditions);
        ReleaseAllocations(result.Pool.Uuid);
        var config = ApplyChange(result.Change, result.Kubernetes, now, null);
        return (ToView(result), config);
    }

    private static NetworkPoolView ToView(PoolAssignmentResult result) =>
        new(result.Assignment.Uuid, result.Network.Name, result.Pool.Name, result.Network.Uuid, result.Pool.Uuid, result.Assignment.IsPrimary);

    /// <summary>
    /// Carries out a classified change (N-27..N-31): a new config target for the hosts it concerns; runtime hosts that
    /// are unlocked apply it at once; reboot-required ones (and any host whose pending target needed a reboot, N-28)
    /// stay out of date with alarm 250.001 (N-29) until their lock/unlock.
    /// </summary>
    private ConfigChange ApplyChange(NetworkChange change, KubernetesTransition kubernetes, DateTimeOffset now, string? description)
    {
        var effect = RuntimeChangeClassifier.Classify(Mode, SiteHosts(), change, kubernetes, ActiveController);
        var target = NewConfigId();
        var applied = new List<string>();
        foreach (var host in _hosts)
        {
            var runtime = effect.RuntimeApplyHosts.Contains(host.Name);
            var reboot = effect.RebootRequiredHosts.Contains(host.Name);
            if (!runtime && !reboot)
            {
                continue;
            }

            host.Target(target, reboot);
            if (!host.RebootRequired && host.Administrative == AdministrativeState.Unlocked && host.RunningAction is null)
            {
                host.ApplyTarget();
                applied.Add(host.Name);
            }

            SyncConfigAlarm(host, now);
        }

        ConfigGeneration++;
        EnsureAllocations();

        var notices = effect.Notices.ToList();
        if (description is not null && notices.Count > 0)
        {
            var verb = change.Kind == PoolChangeKind.Assign ? "adding" : "removing";
            notices[0] = notices[0].Replace($"{verb} the {change.Family} pool of {change.Network.Name()}", description, StringComparison.Ordinal);
        }

        var podsToRestart = new List<string>();
        if (kubernetes != KubernetesTransition.None)
        {
            var dualStack = kubernetes == KubernetesTransition.DualStackOn;
            podsToRestart.AddRange(_pods.Where(p => p.DualStack != dualStack).Select(p => p.Name).Order(StringComparer.Ordinal));
            notices.Add(podsToRestart.Count == 0
                ? "no pod existed before the switch; every new pod gets the addresses of the new setting"
                : $"restart these pods to give them {(dualStack ? "an address of each family" : "a single address")}: {string.Join(", ", podsToRestart)} ('pod restart' per pod)");
        }

        var outOfDate = _hosts.Where(h => h.ConfigOutOfDate).Select(h => h.Name).ToArray();
        var sequence = PendingHostSequence();
        if (sequence.Count > 0)
        {
            notices.Add($"to apply the configuration run, in order: {string.Join("; ", sequence)}");
        }

        return new ConfigChange(target, ConfigGeneration, effect, applied, outOfDate, sequence, podsToRestart, notices);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Pods (N-27: pods keep the addresses they started with)

    public SitePod AddPod(string name, DateTimeOffset now)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException(new DomainError("N-27", "pod", "a pod needs a name, such as 'default/dualstackpod-0'"));
        }

        if (_pods.Any(p => p.Name == trimmed))
        {
            throw new DomainException(new DomainError("N-27", "pod", $"pod '{trimmed}' already exists; restart it instead", ErrorKind.Conflict));
        }

        var pod = new SitePod(trimmed, Networks.KubernetesDualStack, now);
        _pods.Add(pod);
        return pod;
    }

    /// <summary>A restarted pod gets the addresses of the current Kubernetes setting.</summary>
    public SitePod RestartPod(string name, DateTimeOffset now)
    {
        var index = _pods.FindIndex(p => p.Name == name?.Trim());
        if (index < 0)
        {
            throw new DomainException(new DomainError("N-27", "pod", $"no pod is named '{name}'", ErrorKind.NotFound));
        }

        _pods[index] = _pods[index] with { DualStack = Networks.KubernetesDualStack, StartedAt = now };
        return _pods[index];
    }

    // ------------------------------------------------------------------------------------------------------------
    // Host actions (H-2..H-12)

    /// <summary>
    /// Checks the action's rules and, when they hold, marks it running on the host (its task). A repeated operation id
    /// returns the recorded operation instead (<c>Replayed</c>).
    /// </summary>
    public (HostOperation Operation, bool Replayed) BeginHostAction(HostAction action, string hostNameOrUuid, bool force, string? operationId, DateTimeOffset now)
    {
        var host = FindHost(hostNameOrUuid);
        if (!string.IsNullOrWhiteSpace(operationId) && _operations.TryGetValue(operationId, out var known))
        {
            if (known.Action != action || known.HostName != host.Name || known.Force != force)
            {
                throw new DomainException(new DomainError("H-5", "operation_id",
                    $"operation id '{operationId}' was already used for host-{known.Action.Name()} {known.HostName}{(known.Force ? " --force" : string.Empty)}; use a new operation id",
                    ErrorKind.Conflict));
            }

            return (known, true);
        }

        var errors = new ErrorCollector();
        switch (action)
        {
            case HostAction.Lock:
                CheckLock(host, force, errors);
                break;
            case HostAction.Unlock:
                CheckUnlock(host, force, errors);
                break;
            default:
                CheckSwact(host, force, errors);
                break;
        }

        errors.ThrowIfAny();
        host.StartAction(action, force);
        var id = string.IsNullOrWhiteSpace(operationId) ? Guid.NewGuid().ToString("N") : operationId.Trim();
        var operation = new HostOperation(id, action, host.Name, force, OperationState.Running, $"{host.Task} {host.Name}", now, null);
        _operations[id] = operation;
        PruneOperations();
        return (operation, false);
    }

    /// <summary>Ends a running action: its effect on success (H-5, H-8, H-12), or the host as it was with the reason.</summary>
    public HostOperation CompleteHostAction(string operationId, bool succeeded, string? message, DateTimeOffset now)
    {
        if (!_operations.TryGetValue(operationId, out var operation) || operation.IsFinished)
        {
            throw new DomainException(new DomainError("H-5", "operation_id", $"no host action '{operationId}' is running", ErrorKind.NotFound));
        }

        var host = FindHost(operation.HostName);
        string? failure = null;
        if (succeeded)
        {
            switch (operation.Action)
            {
                case HostAction.Lock:
                    host.BecomeLocked();
                    break;
                case HostAction.Unlock:
                    host.BecomeUnlocked();
                    SyncConfigAlarm(host, now);
                    break;
                default:
                    var peer = Peer(host);
                    host.SetRole(ControllerRole.Standby);
                    peer?.SetRole(ControllerRole.Active);
                    break;
            }
        }
        else
        {
            failure = $"host-{operation.Action.Name()} of {host.Name} failed: {message}";
        }

        host.EndAction(failure);
        var finished = operation with
        {
            State = succeeded ? OperationState.Succeeded : OperationState.Failed,
            Message = succeeded ? message ?? $"host-{operation.Action.Name()} of {host.Name} done" : failure,
            FinishedAt = now,
        };
        _operations[operationId] = finished;
        return finished;
    }

    /// <summary>Maintenance reports what it sees of a host (H-1); a host that is not in service is disabled.</summary>
    public PlatformHost SetAvailability(string hostNameOrUuid, Availability availability)
    {
        var host = FindHost(hostNameOrUuid);
        var operational = host.Administrative == AdministrativeState.Unlocked && availability is Availability.Available or Availability.Degraded
            ? OperationalState.Enabled
            : OperationalState.Disabled;
        host.SetAvailability(availability, operational);
        return host;
    }

    private void CheckBusy(PlatformHost host, ErrorCollector errors)
    {
        if (host.Task is { } task)
        {
            errors.Add("H-5", "host", $"{host.Name} is busy with '{task}'; wait for that action to finish, then try again", ErrorKind.FailedPrecondition);
        }
    }

    private void CheckLock(PlatformHost host, bool force, ErrorCollector errors)
    {
        if (host.Administrative == AdministrativeState.Locked)
        {
            errors.Add("H-2", "host", $"{host.Name} is already locked; nothing to do ('host-unlock {host.Name}' brings it back)", ErrorKind.FailedPrecondition);
            return;
        }

        CheckBusy(host, errors);
        if (Mode.HasTwoControllers() && host.Role == ControllerRole.Active)
        {
            var peer = Peer(host)?.Name ?? "the other controller";
            errors.Add("H-3", "host",
                $"{host.Name} is the active controller and cannot be locked, not even with --force; swact first ('host-swact {host.Name}' moves activity to {peer})",
                ErrorKind.FailedPrecondition);
            return;
        }

        if (!force && ServiceOnlyHere(host) is { } service)
        {
            errors.Add("H-4", "host",
                $"{host.Name} is the only host providing {service} (no other host offering it is unlocked, enabled and available); locking it stops the service: bring another host into service, or use --force",
                ErrorKind.FailedPrecondition);
        }
    }

    /// <summary>
    /// H-4: the service a host provides when no other host of its kind is in service. A simplex controller has no peer
    /// by design: locking it is the expected way in (N-10), so it is not refused.
    /// </summary>
    private string? ServiceOnlyHere(PlatformHost host)
    {
        if (Mode == SystemMode.Simplex)
        {
            return null;
        }

        var peers = _hosts.Where(h => h != host && h.Personality == host.Personality).ToArray();
        if (peers.Any(p => p.InService && p.Task is null))
        {
            return null;
        }

        return host.Personality switch
        {
            HostRole.Controller => "the controller services",
            HostRole.Worker => "the worker (application) services",
            _ => "the storage services",
        };
    }

    private void CheckUnlock(PlatformHost host, bool force, ErrorCollector errors)
    {
        if (host.RunningAction == HostAction.Lock)
        {
            errors.Add("H-6", "host", $"{host.Name} is still being locked (task '{host.Task}'); wait for the lock to finish, then unlock", ErrorKind.FailedPrecondition);
            return;
        }

        if (host.Administrative == AdministrativeState.Unlocked)
        {
            errors.Add("H-6", "host", $"{host.Name} is already unlocked; nothing to do", ErrorKind.FailedPrecondition);
            return;
        }

        CheckBusy(host, errors);
        if (!force && host.Availability is Availability.Offline or Availability.PowerOff or Availability.Failed)
        {
            errors.Add("H-7", "host",
                $"{host.Name} is {host.Availability.Name()}; unlock needs it online: power it on or repair it, or use --force",
                ErrorKind.FailedPrecondition);
        }
    }

    private void CheckSwact(PlatformHost host, bool force, ErrorCollector errors)
    {
        if (!Mode.HasTwoControllers())
        {
            errors.Add("H-9", "host", $"a {Mode.Name()} site has one controller; there is nothing to swact to", ErrorKind.FailedPrecondition);
            return;
        }

        if (!host.IsController)
        {
            errors.Add("H-9", "host", $"{host.Name} is not a controller; swact moves activity between controllers only", ErrorKind.FailedPrecondition);
            return;
        }

        if (host.Administrative == AdministrativeState.Locked)
        {
            errors.Add("H-9", "host", $"{host.Name} is locked; a locked controller holds no activity to swact", ErrorKind.FailedPrecondition);
            return;
        }

        var peer = Peer(host)!;
        if (host.Role != ControllerRole.Active)
        {
            errors.Add("H-12", "host",
                $"{host.Name} is not the active controller; activity is on {peer.Name} ('host-swact {peer.Name}' moves it here)",
                ErrorKind.FailedPrecondition);
            return;
        }

        CheckBusy(host, errors);
        if (peer.RunningAction == HostAction.Lock)
        {
            errors.Add("H-10", "host", $"{peer.Name} is being locked (task '{peer.Task}'); it cannot take activity, even with --force", ErrorKind.FailedPrecondition);
            return;
        }

        // Force skips the in-service and config checks, but a locked controller is out of service by the operator's
        // own decision: handing it activity would leave the site without a working active controller.
        if (peer.Administrative == AdministrativeState.Locked)
        {
            errors.Add("H-10", "host", $"{peer.Name} is locked and cannot take activity, even with --force; unlock it first ('host-unlock {peer.Name}')", ErrorKind.FailedPrecondition);
            return;
        }

        if (force)
        {
            return;
        }

        if (!peer.InService || peer.Task is not null)
        {
            var state = $"{peer.Administrative.Name()}/{peer.Operational.Name()}/{peer.Availability.Name()}{(peer.Task is null ? string.Empty : $", task '{peer.Task}'")}";
            errors.Add("H-10", "host",
                $"{peer.Name} is {state}; the peer must be unlocked, enabled and available to take activity: bring it into service, or use --force",
                ErrorKind.FailedPrecondition);
        }

        if (peer.ConfigOutOfDate)
        {
            errors.Add("H-11", "host",
                $"{peer.Name}'s configuration is out of date; apply its config with lock/unlock first ('host-lock {peer.Name}', 'host-unlock {peer.Name}'), or use --force",
                ErrorKind.FailedPrecondition);
        }
    }

    private PlatformHost? Peer(PlatformHost controller) => _hosts.FirstOrDefault(h => h.IsController && h != controller);

    // ------------------------------------------------------------------------------------------------------------
    // Alarms (H-13..H-15, N-29)

    /// <summary>Raises an alarm once per id and entity (H-14); returns whether it was new.</summary>
    public bool RaiseAlarm(string alarmId, AlarmSeverity severity, string entity, string reason, string repair, DateTimeOffset now)
    {
        if (_alarms.Any(a => a.AlarmId == alarmId && a.EntityInstanceId == entity))
        {
            return false;
        }

        _alarms.Add(new Alarm(Guid.NewGuid(), alarmId, severity, entity, reason, repair, now));
        return true;
    }

    public bool ClearAlarm(string alarmId, string entity) =>
        _alarms.RemoveAll(a => a.AlarmId == alarmId && a.EntityInstanceId == entity) > 0;

    private void SyncConfigAlarm(PlatformHost host, DateTimeOffset now)
    {
        var entity = AlarmIds.HostEntity(host.Name);
        if (host.ConfigOutOfDate)
        {
            RaiseAlarm(AlarmIds.ConfigOutOfDate, AlarmSeverity.Major, entity,
                $"{host.Name} Configuration is out-of-date.",
                $"Lock and unlock host {host.Name} to update config.", now);
        }
        else
        {
            ClearAlarm(AlarmIds.ConfigOutOfDate, entity);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Addresses

    private IReadOnlyList<SiteHost> SiteHosts() => _hosts.Select(h => h.AsSiteHost()).ToArray();

    /// <summary>Whether a host holds an address on the network (as the bootstrap planner decides it).</summary>
    private static bool Serves(PlatformNetwork network, PlatformHost host) =>
        network.Type is not (NetworkType.Multicast or NetworkType.ClusterPod or NetworkType.ClusterService)
        && (!network.Type.IsControllerOnly() || host.IsController);

    /// <summary>A controller's address fixed by the pool (controller-0 falls back to the floating address).</summary>
    private static IPAddress? FixedAddress(string host, AddressPool pool) => host switch
    {
        "controller-0" => pool.Controller0Address ?? pool.FloatingAddress,
        "controller-1" => pool.Controller1Address,
        _ => null,
    };

    /// <summary>Hands an address to every host on every pool of its networks that fixes none for it.</summary>
    private void EnsureAllocations()
    {
        foreach (var host in _hosts)
        {
            foreach (var network in Networks.Networks.Where(n => Serves(n, host)))
            {
                foreach (var pool in Networks.PoolsOf(network))
                {
                    if (FixedAddress(host.Name, pool) is null && !_allocations.ContainsKey((host.Name, pool.Uuid)))
                    {
                        _allocations[(host.Name, pool.Uuid)] = pool.Allocate(_random);
                    }
                }
            }
        }
    }

    private void ReleaseAllocations(Guid pool)
    {
        foreach (var key in _allocations.Keys.Where(k => k.Pool == pool).ToArray())
        {
            _allocations.Remove(key);
        }
    }

    private void PruneOperations()
    {
        var finished = _operations.Values.Where(o => o.IsFinished).OrderBy(o => o.FinishedAt).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - FinishedOperationsKept)))
        {
            _operations.Remove(old.OperationId);
        }
    }

    internal static string NewConfigId() => Guid.NewGuid().ToString();
}
