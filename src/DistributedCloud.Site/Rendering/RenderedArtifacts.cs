using DistributedCloud.Networking.Kubernetes.Config;

namespace DistributedCloud.Site.Rendering;

/// <summary>One generation of a site's artifacts as read back from disk.</summary>
public sealed record RenderedArtifacts(long Generation, string Directory, IReadOnlyList<RenderedDocument> Documents)
{
    /// <summary>The text of a document by its relative name (for example <c>kubeadm/kubeadm-config.yaml</c>).</summary>
    public string this[string name] =>
        Documents.FirstOrDefault(d => d.Name == name)?.Content
        ?? throw new KeyNotFoundException($"generation {Generation} has no document '{name}'; it has {string.Join(", ", Documents.Select(d => d.Name))}");
}
