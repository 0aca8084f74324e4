using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;
using DistributedCloud.Site.Model;

namespace DistributedCloud.Site.Rendering;

/// <summary>
/// Maps a live site to the renderer's inputs (N-32, K-1..K-6): Kubernetes from the cluster networks and the hosts'
/// cluster-host addresses, the host network descriptions from every host's addresses. Kept small on purpose: main's
/// <c>Networking.Kubernetes.Config.SiteRenderInputs</c> (for <c>dcctl bootstrap render</c>) maps the same things from
/// <see cref="SiteNetworks"/> and <see cref="SiteModel.HostAddressings"/>; at merge this class should delegate to it.
/// </summary>
public static class SiteArtifacts
{
    /// <summary>The interface each platform network is configured on (cluster-host shares mgmt's, as by default).</summary>
    public static string InterfaceOf(NetworkType network) => network switch
    {
        NetworkType.Oam => "oam0",
        NetworkType.Mgmt or NetworkType.ClusterHost => "mgmt0",
        NetworkType.Pxeboot => "pxeboot0",
        NetworkType.Admin => "admin0",
        NetworkType.Storage => "storage0",
        _ => network.Name().Replace("-", string.Empty, StringComparison.Ordinal) + "0",
    };

    public static (KubernetesNetworkInputs Kubernetes, HostNetworkInputs HostNetwork) From(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var networks = site.Networks;
        var hostAddresses = site.Hosts.Select(h => (Host: h, Addresses: site.AddressesOf(h))).ToArray();

        IReadOnlyList<Networking.Addressing.Subnet> SubnetsOf(NetworkType type) =>
            networks.Network(type) is { } network ? networks.PoolsOf(network).Select(p => p.Subnet).ToArray() : [];

        var clusterHost = networks.Network(NetworkType.ClusterHost);
        var kubernetesHosts = hostAddresses
            .Where(h => h.Host.Personality != HostRole.Storage)
            .Select(h => new KubernetesHostInputs(
                h.Host.Name,
                h.Addresses.FirstOrDefault(a => a.Network == NetworkType.ClusterHost)?.Addresses.Select(a => a.Address).ToArray() ?? []))
            .ToArray();
        var advertise = clusterHost is null
            ? []
            : networks.PoolsOf(clusterHost).Select(p => p.FloatingAddress ?? p.Controller0Address).OfType<System.Net.IPAddress>().ToArray();
        var oam = networks.Network(NetworkType.Oam);
        var oamFloating = oam is null
            ? []
            : networks.PoolsOf(oam).Select(p => p.FloatingAddress).OfType<System.Net.IPAddress>().ToArray();

        var kubernetes = new KubernetesNetworkInputs(
            ServiceSubnets: SubnetsOf(NetworkType.ClusterService),
            PodSubnets: SubnetsOf(NetworkType.ClusterPod),
            ClusterHostSubnets: SubnetsOf(NetworkType.ClusterHost),
            Hosts: kubernetesHosts,
            AdvertiseAddresses: advertise,
            OamFloatingAddresses: oamFloating);

        var hostNetwork = new HostNetworkInputs(hostAddresses.Select(h => new HostNetworkHost(
            h.Host.Name,
            h.Addresses
                .Where(a => a.Addresses.Count > 0)
                .Select(a => new HostNetworkAttachment(
                    a.Network.Name(),
                    InterfaceOf(a.Network),
                    a.Addresses.Select(x => new InterfaceAddress(x.Address, x.PrefixLength)).ToArray(),
                    // Default routes only through the oam gateways (the site's way out), one per family.
                    a.Network == NetworkType.Oam ? a.Gateways : []))
                .ToArray(),
            site.Identity.DnsServers)).ToArray());
        return (kubernetes, hostNetwork);
    }

    /// <summary>Every artifact of the site, ordered by name; throws the renderer's DomainException on a K-6 break.</summary>
    public static IReadOnlyList<RenderedDocument> Render(SiteModel site)
    {
        var (kubernetes, hostNetwork) = From(site);
        return KubernetesConfigRenderer.Render(kubernetes, hostNetwork);
    }
}
