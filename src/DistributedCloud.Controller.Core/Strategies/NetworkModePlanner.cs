using DistributedCloud.Controller.Core.Groups;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.CrossSite;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// D-12..D-14: computes a network-mode strategy's whole plan at create. Each eligible subcloud's changes are carried out
/// on a copy of its expected networks with the network rules, so a plan that is shown is one the rules accept; the
/// effects (N-27..N-31) give the host steps and the notices.
/// </summary>
public static class NetworkModePlanner
{
    /// <param name="id">The new strategy's id (operation ids derive from it, D-18).</param>
    /// <param name="parameters">The create parameters (D-13).</param>
    /// <param name="subclouds">Every subcloud.</param>
    /// <param name="groups">Every group (for <c>--group</c>).</param>
    /// <param name="now">Creation time.</param>
    /// <param name="activeController">The active controller of a two-controller subcloud (N-30 order); controller-0 when null.</param>
    /// <param name="minimumDualStackRelease">N-36: the oldest release that supports dual-stack.</param>
    public static Strategy Create(
        Guid id,
        StrategyParameters parameters,
        IReadOnlyCollection<Subcloud> subclouds,
        IReadOnlyCollection<SubcloudGroup> groups,
        DateTimeOffset now,
        Func<Subcloud, string>? activeController = null,
        string minimumDualStackRelease = "24.09")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(subclouds);
        ArgumentNullException.ThrowIfNull(groups);
        var errors = new ErrorCollector();
        var minimumRelease = SoftwareRelease.TryParse(minimumDualStackRelease, out var m)
            ? m
            : throw new ArgumentException($"'{minimumDualStackRelease}' is not a release", nameof(minimumDualStackRelease));
        CheckParameters(parameters, groups, errors);
        var targeted = Targeted(parameters, subclouds, groups, errors);
        errors.ThrowIfAny();

        var skipped = new List<SkippedSubcloud>();
        var plans = new List<SubcloudStrategy>();
        var others = subclouds.ToDictionary(s => s.Name, s => new SubcloudPlan(s.Name, s.Release, SubcloudSites.Build(s)), StringComparer.Ordinal);
        foreach (var subcloud in targeted.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (subcloud.Management != ManagementState.Managed)
            {
                skipped.Add(new SkippedSubcloud(subcloud.Name, "unmanaged"));
                continue;
            }

            if (subcloud.Availability != SubcloudAvailability.Online)
            {
                skipped.Add(new SkippedSubcloud(subcloud.Name, "offline"));
                continue;
            }

            if (subcloud.OverallSync == SyncStatus.Unknown)
            {
                errors.Add("D-14", "subclouds",
                    $"subcloud '{subcloud.Name}' is online but its sync status is unknown; wait for its audit (or leave it out with --subclouds)",
                    ErrorKind.FailedPrecondition);
                continue;
            }

            if (parameters.Target == NetworkModeTarget.DualStack && subcloud.IsDualStack && parameters.SecondarySubnets?.For(subcloud.Name) is null)
            {
                // Its state is already the target (D-12): not eligible, so the file need not name it.
                skipped.Add(new SkippedSubcloud(subcloud.Name, "already dual-stack; the secondary-subnets file has no entry for it"));
                continue;
            }

            var scope = Scope(parameters, subcloud, errors);
            if (scope.Count == 0)
            {
                skipped.Add(new SkippedSubcloud(subcloud.Name, parameters.Target == NetworkModeTarget.DualStack
                    ? "already dual-stack on every network named"
                    : "already single-stack on every network named"));
                continue;
            }

            var planned = PlanSubcloud(id, parameters, subcloud, scope, plans.Count, others, activeController?.Invoke(subcloud) ?? "controller-0", minimumRelease, errors);
            if (planned is not null)
            {
                plans.Add(planned);
            }
        }

        if (!errors.HasErrors && plans.Count == 0)
        {
            var reasons = skipped.Count == 0 ? "no subcloud is targeted" : string.Join("; ", skipped.Select(s => $"{s.Subcloud}: {s.Reason}"));
            errors.Add("D-14", "subclouds", $"no subcloud is eligible for a {parameters.Target.Name()} strategy ({reasons})", ErrorKind.FailedPrecondition);
        }

        errors.ThrowIfAny();
        return new Strategy(id, StrategyType.NetworkMode, StrategyState.Initial, parameters, plans, skipped, now, now);
    }

    private static void CheckParameters(StrategyParameters parameters, IReadOnlyCollection<SubcloudGroup> groups, ErrorCollector errors)
    {
        if (parameters.MaxParallelSubclouds is { } max && max is < SubcloudGroupRules.MinParallel or > SubcloudGroupRules.MaxParallel)
        {
            errors.Add("D-13", "max_parallel_subclouds", $"max parallel subclouds {max} is out of range; give 1 to 5000");
        }

        if (parameters.Group is not null && parameters.Subclouds is { Count: > 0 })
        {
            errors.Add("D-13", "group", "give a group or a list of subclouds, not both");
        }

        if (parameters.Group is { } group && !groups.Any(g => g.Name == group))
        {
            errors.Add("D-10", "group", $"no subcloud group is named '{group}'", ErrorKind.NotFound);
        }

        foreach (var frozen in parameters.Networks?.Where(n => n is NetworkType.Pxeboot or NetworkType.Multicast) ?? [])
        {
            errors.Add("N-16", "networks", $"the {frozen.Name()} network cannot change once a site is configured; leave it out of --networks");
        }

        if (parameters.Target == NetworkModeTarget.DualStack && parameters.SecondarySubnets is null)
        {
            errors.Add("D-13", "secondary_subnets", "a dual-stack target needs the secondary subnets (--secondary-subnets FILE)");
        }
    }

    private static List<Subcloud> Targeted(StrategyParameters parameters, IReadOnlyCollection<Subcloud> subclouds, IReadOnlyCollection<SubcloudGroup> groups, ErrorCollector errors)
    {
        if (parameters.Subclouds is { Count: > 0 } names)
        {
            foreach (var missing in names.Where(n => !subclouds.Any(s => s.Name == n)))
            {
                errors.Add("D-13", "subclouds", $"no subcloud is named '{missing}'", ErrorKind.NotFound);
            }

            return subclouds.Where(s => names.Contains(s.Name)).ToList();
        }

        return parameters.Group is { } group ? subclouds.Where(s => s.Group == group).ToList() : subclouds.ToList();
    }

    /// <summary>The networks of the subcloud whose state differs from the target, in the order they change.</summary>
    private static List<NetworkType> Scope(StrategyParameters parameters, Subcloud subcloud, ErrorCollector errors)
    {
        bool Wanted(NetworkType n) => parameters.Networks is not { Count: > 0 } list || list.Contains(n);
        if (parameters.Target == NetworkModeTarget.SingleStack)
        {
            // N-31: the cluster networks lose their secondary first (Kubernetes "off" on the last), then oam (N-17, N-26).
            return subcloud.Pools.Where(p => !p.IsPrimary && Wanted(p.Network)).Select(p => p.Network)
                .OrderByDescending(t => t.DefaultId()).ToList();
        }

        if (parameters.SecondarySubnets?.For(subcloud.Name) is not { } entry)
        {
            errors.Add("D-13", "secondary_subnets",
                $"the secondary-subnets file has no entry for subcloud '{subcloud.Name}' and no 'default' entry");
            return [];
        }

        // Id order puts mgmt and oam before the cluster networks (N-17: oam's family before cluster-pod's).
        return SecondaryPoolSpecs.NetworksOf(entry)
            .Where(n => Wanted(n) && subcloud.HasNetwork(n) && !subcloud.IsNetworkDualStack(n))
            .ToList();
    }

    private static SubcloudStrategy? PlanSubcloud(
        Guid id,
        StrategyParameters parameters,
        Subcloud subcloud,
        List<NetworkType> scope,
        int order,
        Dictionary<string, SubcloudPlan> others,
        string activeController,
        SoftwareRelease minimumRelease,
        ErrorCollector errors)
    {
        var site = SubcloudSites.Build(subcloud);
        var hosts = subcloud.Hosts.Select(h => h.ToSiteHost()).ToArray();
        var simplexMgmt = subcloud.Mode == SystemMode.Simplex && scope.Contains(NetworkType.Mgmt);
        var conditions = new SiteConditions(SimplexControllerLocked: simplexMgmt);
        var actions = new List<StepAction>();
        var effects = new List<NetworkChangeEffect>();
        var before = errors.Errors.Count;

        foreach (var network in scope)
        {
            try
            {
                if (parameters.Target == NetworkModeTarget.DualStack)
                {
                    var entry = parameters.SecondarySubnets!.For(subcloud.Name)!;
                    var entryName = parameters.SecondarySubnets.Entries.ContainsKey(subcloud.Name) ? subcloud.Name : SecondarySubnets.DefaultEntry;
                    var spec = SecondaryPoolSpecs.Build(subcloud.Name, entryName, entry, network, subcloud.PrimaryFamily.Other(), subcloud.Mode, errors);
                    if (spec is null)
                    {
                        continue;
                    }

                    site.AddPool(spec);
                    var result = site.AssignPool(network.Name(), spec.Name, conditions);
                    effects.Add(result.Effect(subcloud.Mode, hosts, activeController));
                    actions.Add(new StepAction(StepKind.AddPool, network, spec.Name, spec));
                    actions.Add(new StepAction(StepKind.AssignPool, network, spec.Name));
                }
                else
                {
                    var net = site.Network(network)!;
                    var secondary = net.Secondary!;
                    var pool = site.Pool(secondary.PoolUuid);
                    var result = site.RemoveAssignment(secondary.Uuid.ToString(), conditions);
                    site.DeletePool(pool.Name, conditions);
                    effects.Add(result.Effect(subcloud.Mode, hosts, activeController));
                    actions.Add(new StepAction(StepKind.RemovePool, network, pool.Name));
                    actions.Add(new StepAction(StepKind.DeletePool, network, pool.Name));
                }
            }
            catch (DomainException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { Message = $"subcloud '{subcloud.Name}', {network.Name()}: {e.Message}" }));
            }
        }

        if (errors.Errors.Count != before)
        {
            return null;
        }

        // N-37 for the secondaries: /64 or longer, gateway outside the range, no range overlap with another subcloud.
        var plan = new SubcloudPlan(subcloud.Name, subcloud.Release, site);
        CrossSiteRules.CheckSubcloudSubnets(plan, others.Values.Where(o => o.Name != subcloud.Name), errors);

        // Later subclouds of the same plan are checked against this one's new ranges too.
        others[subcloud.Name] = plan;
        if (parameters.Target == NetworkModeTarget.DualStack)
        {
            // N-36: dual-stack only on a release that supports it.
            CrossSiteRules.CheckRelease(plan, minimumRelease, errors);
        }

        if (errors.Errors.Count != before)
        {
            return null;
        }

        var steps = new List<StepAction>();
        if (simplexMgmt)
        {
            // N-10 / runtime table: mgmt on a simplex site changes only while its controller is locked; unlock applies it.
            var controller = hosts.First(h => h.Role == HostRole.Controller).Name;
            steps.Add(new StepAction(StepKind.LockHost, Host: controller));
            steps.AddRange(actions);
            steps.Add(new StepAction(StepKind.UnlockHost, Host: controller));
        }
        else
        {
            steps.AddRange(actions);
            var reboot = effects.SelectMany(e => e.RebootRequiredHosts).Distinct(StringComparer.Ordinal).ToArray();
            steps.AddRange(RuntimeChangeClassifier.HostSequence(subcloud.Mode, hosts, reboot, activeController).Select(ParseHostStep));
        }

        var notices = effects.SelectMany(e => e.Notices).Distinct(StringComparer.Ordinal).ToArray();
        return new SubcloudStrategy(
            subcloud.Name,
            order,
            steps.Select((action, i) => new StrategyStep(i, action, Strategy.OperationId(id, subcloud.Name, i))).ToArray(),
            notices,
            SubcloudPool.Of(site));
    }

    /// <summary>The N-30 sequence comes as platform commands (<c>host-lock controller-1</c>); steps are typed.</summary>
    private static StepAction ParseHostStep(string command)
    {
        var parts = command.Split(' ', 2);
        var kind = parts[0] switch
        {
            "host-lock" => StepKind.LockHost,
            "host-unlock" => StepKind.UnlockHost,
            "host-swact" => StepKind.SwactHost,
            _ => throw new InvalidOperationException($"unexpected host step '{command}'"),
        };
        return new StepAction(kind, Host: parts[1]);
    }
}
