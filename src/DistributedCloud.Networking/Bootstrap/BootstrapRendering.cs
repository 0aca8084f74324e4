using DistributedCloud.Networking.Kubernetes.Cidrs;
using DistributedCloud.Networking.Kubernetes.Config;

namespace DistributedCloud.Networking.Bootstrap;

/// <summary>What a bootstrap plan renders to: the documents and the derived Kubernetes settings.</summary>
public sealed record BootstrapRendering(IReadOnlyList<RenderedDocument> Documents, KubernetesCidrPlan Kubernetes)
{
    /// <summary>Renders a plan; throws <see cref="Errors.DomainException"/> when the Kubernetes settings break a K-rule.</summary>
    public static BootstrapRendering Of(BootstrapPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var kubernetes = SiteRenderInputs.Kubernetes(plan.Networks, plan.Hosts);
        var documents = KubernetesConfigRenderer.Render(kubernetes, SiteRenderInputs.HostNetwork(plan.Hosts, plan.DnsServers));
        return new BootstrapRendering(documents, KubernetesCidrValidator.Plan(SiteRenderInputs.CidrSettings(kubernetes)));
    }
}
