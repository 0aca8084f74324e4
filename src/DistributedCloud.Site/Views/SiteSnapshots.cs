using DistributedCloud.Site.Hosts;
using DistributedCloud.Site.Model;
using DistributedCloud.Site.Operations;

namespace DistributedCloud.Site.Views;

/// <summary>Builds the immutable views of a site.</summary>
public static class SiteSnapshots
{
    public static SiteView Build(SiteModel model, IReadOnlyList<HostOperation> running)
    {
        ArgumentNullException.ThrowIfNull(model);
        var networks = model.Networks;
        var pools = networks.Pools.Select(p => PoolView.Of(p, networks.NetworkOf(p)?.Name)).ToArray();
        var byUuid = pools.ToDictionary(p => p.Uuid);
        return new SiteView(
            model.Identity.SystemUuid,
            model.Identity.Name,
            model.Mode,
            model.Identity.Release,
            networks.PrimaryFamily ?? Networking.Addressing.IpFamily.IPv4,
            networks.KubernetesDualStack,
            networks.NetworkMode,
            model.ConfigGeneration,
            model.Hosts.Select(h => HostOf(model, h)).ToArray(),
            networks.Networks.Select(n => new NetworkView(
                n.Id, n.Uuid, n.Name, n.Type.ToString(), n.Dynamic, n.PrimaryPoolUuid, n.PrimaryFamily,
                n.Assignments.Select(a => byUuid[a.PoolUuid]).ToArray())).ToArray(),
            pools.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray(),
            networks.AssignmentRows().Select(r => new NetworkPoolView(
                r.Assignment.Uuid, r.Network.Name, r.Pool.Name, r.Network.Uuid, r.Pool.Uuid, r.Assignment.IsPrimary)).ToArray(),
            model.Alarms.OrderBy(a => a.RaisedAt).ThenBy(a => a.EntityInstanceId, StringComparer.Ordinal).ToArray(),
            model.Pods.ToArray(),
            running);
    }

    public static HostView HostOf(SiteModel model, PlatformHost host)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(host);
        return new HostView(host.Id, host.Uuid, host.Name, host.Personality, host.Administrative, host.Operational, host.Availability,
            host.Task, host.Role, host.ConfigTarget, host.ConfigApplied, host.RebootRequired, host.ConfigOutOfDate, host.LastFailure,
            model.AddressesOf(host));
    }

    /// <summary>Whether anything an operator sees of a host changed (addresses aside).</summary>
    public static bool HostChanged(HostView? before, HostView after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return before is null || before with { Addresses = after.Addresses } != after;
    }
}
