using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Views;

namespace DistributedCloud.Controller.Hosting;

/// <summary>
/// The controller's own networks as the cross-site rules (N-34..N-37) read them, rebuilt through the network rules from
/// the own site's current view: the site is the reference, so a change to it (an added secondary pool) counts at once.
/// </summary>
public static class OwnSiteNetworks
{
    public static SiteNetworks From(SiteView site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var pools = new List<SubcloudPool>();
        foreach (var network in site.Networks)
        {
            if (!NetworkTypes.TryParse(network.Type, out var type))
            {
                continue;
            }

            // The primary pool first, then the secondary (N-17 order).
            foreach (var pool in network.Pools.OrderBy(p => p.Uuid == network.PoolUuid ? 0 : 1))
            {
                pools.Add(new SubcloudPool(type, pool.Uuid == network.PoolUuid, pool.Name, $"{pool.Network}/{pool.Prefix}", string.Join(',', pool.Ranges),
                    pool.FloatingAddress, pool.Controller0Address, pool.Controller1Address, pool.GatewayAddress));
            }
        }

        return SubcloudSites.Build(site.Mode, pools);
    }
}
