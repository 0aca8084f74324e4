using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Site.Views;

/// <summary>An address pool as addrpool-list/show print it; immutable.</summary>
public sealed record PoolView(
    Guid Uuid,
    string Name,
    string Network,
    int Prefix,
    IpFamily Family,
    string Order,
    IReadOnlyList<string> Ranges,
    string? FloatingAddress,
    string? Controller0Address,
    string? Controller1Address,
    string? GatewayAddress,
    string? AttachedTo)
{
    public static PoolView Of(AddressPool pool, string? attachedTo)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new PoolView(
            pool.Uuid,
            pool.Name,
            pool.Subnet.NetworkAddress.ToString(),
            pool.Subnet.PrefixLength,
            pool.Family,
            AddressPoolFields.OrderName(pool.Order),
            pool.Ranges.Select(r => r.ToString()).ToArray(),
            pool.FloatingAddress?.ToString(),
            pool.Controller0Address?.ToString(),
            pool.Controller1Address?.ToString(),
            pool.GatewayAddress?.ToString(),
            attachedTo);
    }
}
