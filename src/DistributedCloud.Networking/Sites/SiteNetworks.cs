using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Networking.Sites;

/// <summary>
/// A site's platform networks and address pools, and every rule that ties them together (N-10..N-20, N-26, N-27).
/// Each operation checks everything first and changes nothing when any check fails (N-33).
/// </summary>
public sealed class SiteNetworks
{
    private readonly List<AddressPool> _pools = [];
    private readonly List<PlatformNetwork> _networks = [];
    private bool _kubernetesDualStack;

    public SiteNetworks(SystemMode mode, bool isSystemController = false)
    {
        Mode = mode;
        IsSystemController = isSystemController;
    }

    public SystemMode Mode { get; }

    public bool IsSystemController { get; }

    /// <summary>True once initial configuration is over; freezes pxeboot, the multicast primary and some pools (N-10, N-16).</summary>
    public bool IsConfigured { get; private set; }

    public IReadOnlyList<AddressPool> Pools => _pools;

    /// <summary>Ordered by id.</summary>
    public IReadOnlyList<PlatformNetwork> Networks => _networks;

    /// <summary>The site's primary family: that of mgmt (or of oam before mgmt exists).</summary>
    public IpFamily? PrimaryFamily =>
        (Network(NetworkType.Mgmt) ?? Network(NetworkType.Oam) ?? _networks.FirstOrDefault(n => n.Type != NetworkType.Pxeboot))?.PrimaryFamily;

    /// <summary>
    /// Whether Kubernetes runs dual-stack. At bootstrap: exactly when oam, cluster-host, cluster-pod and
    /// cluster-service are all dual-stack (N-26). Afterwards it changes only at the N-27 transitions: on when the
    /// last of the three cluster networks gets its second pool, off when the last of them loses it (N-31).
    /// </summary>
    public bool KubernetesDualStack => IsConfigured ? _kubernetesDualStack : AllDualStackForKubernetes();

    /// <summary>How many of cluster-host, cluster-pod and cluster-service hold two pools.</summary>
    public int DualStackClusterNetworks =>
        _networks.Count(n => n.Type.IsCluster() && n.IsDualStack);

    /// <summary>True when any network but pxeboot holds a pool of each family.</summary>
    public bool IsDualStack => _networks.Any(n => n.Type != NetworkType.Pxeboot && n.IsDualStack);

    /// <summary><c>dual-stack</c>, or <c>single-stack IPv4|IPv6</c>, as the subcloud list shows it.</summary>
    public string NetworkMode => IsDualStack ? "dual-stack" : $"single-stack {PrimaryFamily?.Name() ?? "IPv4"}";

    /// <summary>Ends initial configuration; from now on Kubernetes dual-stack moves only at N-27 transitions.</summary>
    public void MarkConfigured()
    {
        _kubernetesDualStack = AllDualStackForKubernetes();
        IsConfigured = true;
    }

    /// <summary>Restores a stored site's Kubernetes state (the persisted flag wins over the formula).</summary>
    public void MarkConfigured(bool kubernetesDualStack)
    {
        _kubernetesDualStack = kubernetesDualStack;
        IsConfigured = true;
    }

    public PlatformNetwork? Network(NetworkType type) => _networks.FirstOrDefault(n => n.Type == type);

    public AddressPool Pool(Guid uuid) => _pools.First(p => p.Uuid == uuid);

    /// <summary>The pools of a network, primary first.</summary>
    public IReadOnlyList<AddressPool> PoolsOf(PlatformNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Assignments.Select(a => Pool(a.PoolUuid)).ToArray();
    }

    public PlatformNetwork? NetworkOf(AddressPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return _networks.FirstOrDefault(n => n.Assignments.Any(a => a.PoolUuid == pool.Uuid));
    }

    /// <summary>network-addrpool-list rows: by network name, primary first (N-19).</summary>
    public IReadOnlyList<AssignmentRow> AssignmentRows() =>
        _networks.OrderBy(n => n.Name, StringComparer.Ordinal)
            .SelectMany(n => n.Assignments.Select(a => new AssignmentRow(a, n, Pool(a.PoolUuid))))
            .ToArray();

    public AddressPool FindPool(string nameOrUuid)
    {
        var pool = Guid.TryParse(nameOrUuid, out var uuid)
            ? _pools.FirstOrDefault(p => p.Uuid == uuid)
            : _pools.FirstOrDefault(p => p.Name == nameOrUuid);
        return pool ?? throw new DomainException(new DomainError("N-4", "pool",
            $"no address pool is named or has uuid '{nameOrUuid}'; 'addrpool-list' shows the pools", ErrorKind.NotFound));
    }

    public PlatformNetwork FindNetwork(string nameOrUuid)
    {
        PlatformNetwork? network = null;
        if (Guid.TryParse(nameOrUuid, out var uuid))
        {
            network = _networks.FirstOrDefault(n => n.Uuid == uuid);
        }
        else if (int.TryParse(nameOrUuid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            network = _networks.FirstOrDefault(n => n.Id == id);
        }
        else if (NetworkTypes.TryParse(nameOrUuid, out var type))
        {
            network = Network(type);
        }

        return network ?? throw new DomainException(new DomainError("N-13", "network",
            $"no network is named or has id/uuid '{nameOrUuid}'; 'network-list' shows the networks", ErrorKind.NotFound));
    }

    public AssignmentRow FindAssignment(string uuidText)
    {
        var row = Guid.TryParse(uuidText, out var uuid)
            ? AssignmentRows().FirstOrDefault(r => r.Assignment.Uuid == uuid)
            : null;
        return row ?? throw new DomainException(new DomainError("N-19", "uuid",
            $"no network-pool assignment has uuid '{uuidText}'; 'network-addrpool-list' shows them", ErrorKind.NotFound));
    }

    /// <summary>Creates a pool (N-1..N-8). Overlap with other pools is allowed until the pool is attached (N-8).</summary>
    public AddressPool AddPool(AddressPoolSpec spec, Guid? uuid = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new ErrorCollector();
        var definition = AddressPoolValidator.Validate(spec, errors);
        CheckNameFree(spec.Name?.Trim(), null, errors);
        if (uuid is { } u && _pools.Any(p => p.Uuid == u))
        {
            errors.Add("N-4", "uuid", $"a pool with uuid {u} already exists", ErrorKind.Conflict);
        }

        errors.ThrowIfAny();
        var pool = AddressPool.FromDefinition(definition!, uuid);
        _pools.Add(pool);
        return pool;
    }

    /// <summary>Changes a pool (N-10, N-11, N-20), all or nothing.</summary>
    public AddressPool ModifyPool(string nameOrUuid, AddressPoolChanges changes, SiteConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(conditions);
        var pool = FindPool(nameOrUuid);
        var errors = new ErrorCollector();
        var network = NetworkOf(pool);
        if (network is not null)
        {
            CheckPoolWritable(pool, network, conditions, errors);
        }

        var definition = AddressPoolValidator.Validate(changes.ApplyTo(pool), errors);
        if (changes.Name is not null)
        {
            CheckNameFree(changes.Name.Trim(), pool, errors);
        }

        if (definition is not null)
        {
            pool.CheckRedefinition(definition, errors);
            if (network is not null)
            {
                CheckSubnetClass(network.Type, definition.Name, definition.Subnet, errors);
                CheckControllerAddresses(network.Type, definition, errors);
                CheckOverlap(network.Type, network, pool, definition.Subnet, errors);
            }
        }

        errors.ThrowIfAny();
        pool.Redefine(definition!);
        return pool;
    }

    /// <summary>
    /// Deletes a pool (N-12). A network's primary cannot go, except admin's, which takes the admin network with it.
    /// A secondary is detached first, under the same rules as <see cref="RemoveAssignment"/>.
    /// </summary>
    public PoolDeletion DeletePool(string nameOrUuid, SiteConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var pool = FindPool(nameOrUuid);
        var network = NetworkOf(pool);
        if (network is null)
        {
            _pools.Remove(pool);
            return new PoolDeletion(pool, null, null);
        }

        if (network.PrimaryPoolUuid == pool.Uuid)
        {
            if (network.Type != NetworkType.Admin)
            {
                throw new DomainException(new DomainError("N-12", "pool",
                    $"pool '{pool.Name}' is the primary pool of network '{network.Name}' and cannot be deleted; a site's primary family changes only by reinstalling",
                    ErrorKind.FailedPrecondition));
            }

            _networks.Remove(network);
            _pools.Remove(pool);
            return new PoolDeletion(pool, null, network);
        }

        var detached = RemoveAssignment(network.Secondary!.Uuid.ToString(), conditions);
        _pools.Remove(pool);
        return new PoolDeletion(pool, detached, null);
    }

    /// <summary>Creates a network with its first pool, which becomes its primary (N-13).</summary>
    public PlatformNetwork CreateNetwork(NetworkType type, string poolNameOrUuid, Guid? uuid = null, Guid? assignmentUuid = null)
    {
        var pool = FindPool(poolNameOrUuid);
        var errors = new ErrorCollector();
        if (Network(type) is not null)
        {
            errors.Add("N-13", "network", $"this site already has a '{type.Name()}' network; a site has one network of each type", ErrorKind.Conflict);
        }

        if (type.IsSystemControllerOnly() && !IsSystemController)
        {
            errors.Add("N-13", "network", $"'{type.Name()}' networks exist only on a system controller", ErrorKind.FailedPrecondition);
        }

        if (type != NetworkType.Pxeboot && PrimaryFamily is { } primary && pool.Family != primary)
        {
            errors.Add("N-22", "pool",
                $"pool '{pool.Name}' is {pool.Family.Name()} but the site's primary family is {primary.Name()}; a network's first pool must be of the primary family");
        }

        CheckAttachable(type, pool, errors);
        CheckOverlap(type, null, pool, pool.Subnet, errors);
        errors.ThrowIfAny();

        var network = new PlatformNetwork(type.DefaultId(), uuid ?? Guid.NewGuid(), type, pool.Uuid, pool.Family, assignmentUuid ?? Guid.NewGuid());
        var index = _networks.FindIndex(n => n.Id > network.Id);
        _networks.Insert(index < 0 ? _networks.Count : index, network);
        return network;
    }

    /// <summary>Attaches a second pool, of the other family, to a network (N-14..N-17, N-20).</summary>
    public PoolAssignmentResult AssignPool(string networkNameOrUuid, string poolNameOrUuid, SiteConditions conditions, Guid? assignmentUuid = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var network = FindNetwork(networkNameOrUuid);
        var pool = FindPool(poolNameOrUuid);
        var errors = new ErrorCollector();

        if (network.IsDualStack)
        {
            var attached = string.Join(" and ", PoolsOf(network).Select(p => $"'{p.Name}' ({p.Family.Name()})"));
            errors.Add("N-14", "pool", $"network '{network.Name}' already holds two pools, {attached}; a network holds at most one pool per family", ErrorKind.Conflict);
        }
        else if (pool.Family == network.PrimaryFamily)
        {
            var primary = Pool(network.PrimaryPoolUuid);
            errors.Add("N-14", "pool",
                $"network '{network.Name}' already holds {pool.Family.Name()} pool '{primary.Name}'; a second pool must be of the other family",
                ErrorKind.Conflict);
        }

        if (network.Type == NetworkType.Pxeboot && IsConfigured)
        {
            errors.Add("N-16", "network", "the pxeboot network is frozen once the site is configured", ErrorKind.FailedPrecondition);
        }

        if (network.Type == NetworkType.ClusterPod && Network(NetworkType.Oam) is { } oam && !PoolsOf(oam).Any(p => p.Family == pool.Family))
        {
            errors.Add("N-17", "pool",
                $"cluster-pod can take {pool.Family.Name()} pool '{pool.Name}' only after the oam network has an {pool.Family.Name()} pool; assign one to oam first",
                ErrorKind.FailedPrecondition);
        }

        CheckSimplexMgmtLocked(network, conditions, errors);
        CheckAttachable(network.Type, pool, errors);
        CheckOverlap(network.Type, network, pool, pool.Subnet, errors);
        errors.ThrowIfAny();

        var assignment = new NetworkPoolAssignment(assignmentUuid ?? Guid.NewGuid(), pool.Uuid, IsPrimary: false);
        network.AddSecondary(assignment);
        return new PoolAssignmentResult(network, pool, assignment,
            new NetworkChange(network.Type, PoolChangeKind.Assign, pool.Family),
            UpdateKubernetes());
    }

    /// <summary>Detaches a network's secondary pool (N-15, N-17); the network turns single-stack again.</summary>
    public PoolAssignmentResult RemoveAssignment(string assignmentUuid, SiteConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var row = FindAssignment(assignmentUuid);
        var (network, pool) = (row.Network, row.Pool);
        var errors = new ErrorCollector();
        if (row.Assignment.IsPrimary)
        {
            errors.Add("N-15", "uuid",
                $"'{pool.Name}' is the primary pool of network '{network.Name}' and is never removed; changing a site's primary family needs a reinstall",
                ErrorKind.FailedPrecondition);
        }

        if (network.Type == NetworkType.Oam && Network(NetworkType.ClusterPod) is { } pod && PoolsOf(pod).Any(p => p.Family == pool.Family))
        {
            errors.Add("N-17", "uuid",
                $"oam pool '{pool.Name}' ({pool.Family.Name()}) cannot be removed while cluster-pod has an {pool.Family.Name()} pool; remove that one from cluster-pod first",
                ErrorKind.FailedPrecondition);
        }

        if (network.Type == NetworkType.Oam && !row.Assignment.IsPrimary && KubernetesDualStack)
        {
            errors.Add("N-26", "uuid",
                $"oam pool '{pool.Name}' cannot be removed while Kubernetes runs dual-stack, which needs a dual-stack OAM network; remove the secondary pools of cluster-pod, cluster-service and cluster-host first",
                ErrorKind.FailedPrecondition);
        }

        CheckSimplexMgmtLocked(network, conditions, errors);
        errors.ThrowIfAny();

        network.RemoveSecondary();
        return new PoolAssignmentResult(network, pool, row.Assignment,
            new NetworkChange(network.Type, PoolChangeKind.Remove, pool.Family),
            UpdateKubernetes());
    }

    private bool AllDualStackForKubernetes() =>
        new[] { NetworkType.Oam, NetworkType.ClusterHost, NetworkType.ClusterPod, NetworkType.ClusterService }
            .All(t => Network(t)?.IsDualStack == true);

    /// <summary>N-27: on when all three cluster networks are dual-stack (oam is, by N-17); off when none of them is.</summary>
    private KubernetesTransition UpdateKubernetes()
    {
        if (!IsConfigured)
        {
            return KubernetesTransition.None;
        }

        if (!_kubernetesDualStack && AllDualStackForKubernetes())
        {
            _kubernetesDualStack = true;
            return KubernetesTransition.DualStackOn;
        }

        if (_kubernetesDualStack && DualStackClusterNetworks == 0)
        {
            _kubernetesDualStack = false;
            return KubernetesTransition.DualStackOff;
        }

        return KubernetesTransition.None;
    }

    private void CheckNameFree(string? name, AddressPool? self, ErrorCollector errors)
    {
        if (!string.IsNullOrEmpty(name) && _pools.Any(p => p != self && p.Name == name))
        {
            errors.Add("N-4", AddressPoolFields.Name, $"a pool named '{name}' already exists; pick another name", ErrorKind.Conflict);
        }
    }

    private void CheckSimplexMgmtLocked(PlatformNetwork network, SiteConditions conditions, ErrorCollector errors)
    {
        if (network.Type == NetworkType.Mgmt && Mode == SystemMode.Simplex && IsConfigured && !conditions.SimplexControllerLocked)
        {
            errors.Add("N-10", "network", "on a simplex site the mgmt network changes only while controller-0 is locked; lock it first ('host-lock controller-0')",
                ErrorKind.FailedPrecondition);
        }
    }

    /// <summary>Pool-level requirements of attaching a pool to a network of the type (N-11, N-14, N-16, N-4).</summary>
    private void CheckAttachable(NetworkType type, AddressPool pool, ErrorCollector errors)
    {
        if (NetworkOf(pool) is { } other)
        {
            errors.Add("N-14", "pool", $"pool '{pool.Name}' is already attached to network '{other.Name}'; a pool serves one network", ErrorKind.Conflict);
        }

        if (type == NetworkType.Pxeboot && pool.Family != IpFamily.IPv4)
        {
            errors.Add("N-16", "pool", $"pool '{pool.Name}' is {pool.Family.Name()}; the pxeboot network is IPv4 only");
        }

        CheckSubnetClass(type, pool.Name, pool.Subnet, errors);
        CheckControllerAddresses(type, pool.ToDefinition(), errors);
    }

    /// <summary>The multicast network takes multicast subnets only, every other network unicast ones (N-4).</summary>
    private static void CheckSubnetClass(NetworkType type, string poolName, Subnet subnet, ErrorCollector errors)
    {
        var multicast = AddressClass.IsMulticast(subnet);
        if (type == NetworkType.Multicast && !multicast)
        {
            errors.Add("N-4", "pool", $"pool '{poolName}' ({subnet}) is not a multicast subnet, which the multicast network needs");
        }
        else if (type != NetworkType.Multicast && multicast)
        {
            errors.Add("N-4", "pool", $"pool '{poolName}' ({subnet}) is a multicast subnet and can only serve the multicast network");
        }
    }

    /// <summary>N-11: oam, mgmt, admin and pxeboot pools keep a floating address, and per-controller ones on two-controller sites.</summary>
    private void CheckControllerAddresses(NetworkType type, AddressPoolDefinition definition, ErrorCollector errors)
    {
        if (!type.NeedsControllerAddresses())
        {
            return;
        }

        if (definition.FloatingAddress is null)
        {
            errors.Add("N-11", AddressPoolFields.FloatingAddress, $"pool '{definition.Name}' on the {type.Name()} network needs a floating address; give --floating-address");
        }

        if (Mode.HasTwoControllers())
        {
            if (definition.Controller0Address is null)
            {
                errors.Add("N-11", AddressPoolFields.Controller0Address, $"pool '{definition.Name}' on the {type.Name()} network of a {Mode.Name()} site needs a controller-0 address; give --controller0-address");
            }

            if (definition.Controller1Address is null)
            {
                errors.Add("N-11", AddressPoolFields.Controller1Address, $"pool '{definition.Name}' on the {type.Name()} network of a {Mode.Name()} site needs a controller-1 address; give --controller1-address");
            }
        }
    }

    /// <summary>N-20: attached pools never intersect, except oam with system-controller-oam and among the cluster networks.</summary>
    private void CheckOverlap(NetworkType type, PlatformNetwork? network, AddressPool pool, Subnet subnet, ErrorCollector errors)
    {
        var conflicts = new List<string>();
        foreach (var other in _networks)
        {
            foreach (var attached in PoolsOf(other))
            {
                if (attached == pool || !attached.Subnet.Overlaps(subnet) || OverlapAllowed(type, other.Type))
                {
                    continue;
                }

                conflicts.Add($"'{attached.Name}' ({attached.Subnet}) of network '{other.Name}'");
            }
        }

        if (conflicts.Count > 0)
        {
            var where = network?.Name ?? type.Name();
            errors.Add("N-20", AddressPoolFields.Network,
                $"{subnet} of pool '{pool.Name}' for network '{where}' overlaps {string.Join(", ", conflicts)}; pick a subnet that does not intersect them",
                ErrorKind.Conflict);
        }
    }

    private static bool OverlapAllowed(NetworkType a, NetworkType b) =>
        (a.IsCluster() && b.IsCluster())
        || (a == NetworkType.Oam && b == NetworkType.SystemControllerOam)
        || (a == NetworkType.SystemControllerOam && b == NetworkType.Oam);

    /// <summary>N-10: which attached pools may change, and when.</summary>
    private void CheckPoolWritable(AddressPool pool, PlatformNetwork network, SiteConditions conditions, ErrorCollector errors)
    {
        if (!IsConfigured)
        {
            return;
        }

        if (network.Type.IsReadOnlyOnceConfigured())
        {
            errors.Add("N-10", "pool", $"pool '{pool.Name}' of the {network.Name} network is read-only once the site is configured", ErrorKind.FailedPrecondition);
        }
        else if (network.Type == NetworkType.Oam && conditions.UpgradeInProgress)
        {
            errors.Add("N-10", "pool", $"oam pool '{pool.Name}' cannot change during a software upgrade; try again when the upgrade is over", ErrorKind.FailedPrecondition);
        }
        else if (network.Type == NetworkType.Mgmt && Mode != SystemMode.Simplex)
        {
            errors.Add("N-10", "pool", $"mgmt pool '{pool.Name}' can change only on a simplex site (this site is {Mode.Name()})", ErrorKind.FailedPrecondition);
        }
        else
        {
            CheckSimplexMgmtLocked(network, conditions, errors);
        }
    }
}
