using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Cli.Commands.Bootstrap;

/// <summary>The JSON shape of a valid bootstrap plan (<c>dcctl bootstrap validate -o json</c>).</summary>
public sealed record SitePlanJson(
    bool Valid,
    string SystemMode,
    string PrimaryFamily,
    string NetworkMode,
    bool KubernetesDualStack,
    IReadOnlyList<NetworkJson> Networks,
    IReadOnlyList<HostJson> Hosts,
    IReadOnlyList<string> Defaults,
    IReadOnlyList<string> Warnings)
{
    public static SitePlanJson From(BootstrapPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var site = plan.Networks;
        return new SitePlanJson(
            true,
            plan.Mode.Name(),
            plan.PrimaryFamily.Name(),
            site.NetworkMode,
            plan.KubernetesDualStack,
            site.Networks.Select(n => new NetworkJson(n.Id, n.Name, n.Type.Name(), n.PrimaryFamily.Name(), n.IsDualStack,
                site.PoolsOf(n).Select(PoolJson.From).ToArray())).ToArray(),
            plan.Hosts.Select(h => new HostJson(h.Host.Name, h.Host.Role.ToString().ToLowerInvariant(),
                h.Networks.ToDictionary(a => a.Network.Name(), a => (IReadOnlyList<string>)a.Addresses.Select(x => x.ToString()).ToArray()))).ToArray(),
            plan.Defaults,
            plan.Warnings);
    }
}

public sealed record NetworkJson(int Id, string Name, string Type, string PrimaryFamily, bool DualStack, IReadOnlyList<PoolJson> Pools);

public sealed record PoolJson(
    string Uuid,
    string Name,
    string Family,
    string Subnet,
    string Order,
    IReadOnlyList<string> Ranges,
    string? FloatingAddress,
    string? Controller0Address,
    string? Controller1Address,
    string? GatewayAddress)
{
    public static PoolJson From(AddressPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new PoolJson(pool.Uuid.ToString(), pool.Name, pool.Family.Name(), pool.Subnet.ToString(),
            AddressPoolFields.OrderName(pool.Order), pool.Ranges.Select(r => r.ToString()).ToArray(),
            pool.FloatingAddress?.ToString(), pool.Controller0Address?.ToString(), pool.Controller1Address?.ToString(),
            pool.GatewayAddress?.ToString());
    }
}

public sealed record HostJson(string Name, string Role, IReadOnlyDictionary<string, IReadOnlyList<string>> Addresses);
