using DistributedCloud.Networking.Kubernetes.Config;
using DistributedCloud.Site.Model;

namespace DistributedCloud.Site.Rendering;

/// <summary>A live site's artifacts (N-32, K-1..K-6): the same mapping <c>dcctl bootstrap render</c> uses.</summary>
public static class SiteArtifacts
{
    public static (KubernetesNetworkInputs Kubernetes, HostNetworkInputs HostNetwork) From(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var hosts = site.HostAddressings();
        return (SiteRenderInputs.Kubernetes(site.Networks, hosts), SiteRenderInputs.HostNetwork(hosts, site.Identity.DnsServers));
    }

    /// <summary>Every artifact of the site, ordered by name; throws the renderer's DomainException on a K-6 break.</summary>
    public static IReadOnlyList<RenderedDocument> Render(SiteModel site)
    {
        var (kubernetes, hostNetwork) = From(site);
        return KubernetesConfigRenderer.Render(kubernetes, hostNetwork);
    }
}
