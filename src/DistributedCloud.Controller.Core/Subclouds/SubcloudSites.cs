using System.Net;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.CrossSite;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Controller.Core.Subclouds;

/// <summary>Rebuilds a subcloud's expected networks through the network rules, from its recorded pools.</summary>
public static class SubcloudSites
{
    /// <summary>
    /// The subcloud's expected <see cref="SiteNetworks"/>: pools added, networks created with their primaries in id
    /// order, then the secondaries (oam before cluster-pod, N-17); configured, Kubernetes dual-stack per N-26.
    /// </summary>
    public static SiteNetworks Build(SystemMode mode, IReadOnlyList<SubcloudPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var site = new SiteNetworks(mode);
        foreach (var pool in pools)
        {
            site.AddPool(pool.ToSpec());
        }

        foreach (var primary in pools.Where(p => p.IsPrimary).OrderBy(p => p.Network.DefaultId()))
        {
            site.CreateNetwork(primary.Network, primary.Name);
        }

        foreach (var secondary in pools.Where(p => !p.IsPrimary).OrderBy(p => p.Network.DefaultId()))
        {
            site.AssignPool(secondary.Network.Name(), secondary.Name, SiteConditions.Default);
        }

        site.MarkConfigured();
        return site;
    }

    public static SiteNetworks Build(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        try
        {
            return Build(subcloud.Mode, subcloud.Pools);
        }
        catch (DomainException ex)
        {
            throw new InvalidDataException($"the recorded pools of subcloud '{subcloud.Name}' no longer pass the network rules: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The subcloud's mgmt and admin ranges read straight from its recorded pools (primary first), for N-37 at add:
    /// the same ranges <see cref="Build(Subcloud)"/> gives, without rebuilding the site of every recorded subcloud.
    /// </summary>
    public static SubcloudRanges Ranges(Subcloud subcloud)
    {
        ArgumentNullException.ThrowIfNull(subcloud);
        return new SubcloudRanges(subcloud.Name, RangesOf(subcloud, NetworkType.Mgmt), RangesOf(subcloud, NetworkType.Admin));
    }

    private static AddressRange[] RangesOf(Subcloud subcloud, NetworkType type) =>
        subcloud.Pools.Where(p => p.Network == type).OrderBy(p => p.IsPrimary ? 0 : 1)
            .SelectMany(p => p.Ranges.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(range =>
            {
                var ends = range.Split('-', 2, StringSplitOptions.TrimEntries);
                return AddressRange.Of(IPAddress.Parse(ends[0]), IPAddress.Parse(ends.Length > 1 ? ends[1] : ends[0]));
            })
            .ToArray();
}
