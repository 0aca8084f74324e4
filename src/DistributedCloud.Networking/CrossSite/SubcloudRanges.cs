using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.CrossSite;

/// <summary>
/// What N-37's cross-subcloud check needs of another subcloud: the address ranges of its mgmt and admin pools. A
/// controller checks a new subcloud against every recorded one, so this is kept small and cheap to make (no site
/// networks rebuilt per recorded subcloud).
/// </summary>
public sealed record SubcloudRanges(string Name, IReadOnlyList<AddressRange> Mgmt, IReadOnlyList<AddressRange> Admin)
{
    public static SubcloudRanges Of(SubcloudPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SubcloudRanges(plan.Name, RangesOf(plan.Networks, NetworkType.Mgmt), RangesOf(plan.Networks, NetworkType.Admin));
    }

    public IReadOnlyList<AddressRange> Of(NetworkType type) => type == NetworkType.Mgmt ? Mgmt : Admin;

    internal static AddressRange[] RangesOf(SiteNetworks site, NetworkType type) =>
        site.Network(type) is { } network ? site.PoolsOf(network).SelectMany(p => p.Ranges).ToArray() : [];
}
