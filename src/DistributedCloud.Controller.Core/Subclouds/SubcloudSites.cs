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
}
