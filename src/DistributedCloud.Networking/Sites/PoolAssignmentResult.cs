using DistributedCloud.Networking.Changes;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;

namespace DistributedCloud.Networking.Sites;

/// <summary>The outcome of attaching or detaching a secondary pool, with what it means for the site.</summary>
public sealed record PoolAssignmentResult(
    PlatformNetwork Network,
    AddressPool Pool,
    NetworkPoolAssignment Assignment,
    NetworkChange Change,
    KubernetesTransition Kubernetes)
{
    /// <summary>The change classified for the site's hosts (N-27..N-31).</summary>
    public NetworkChangeEffect Effect(SystemMode mode, IReadOnlyList<SiteHost> hosts, string activeController = "controller-0") =>
        RuntimeChangeClassifier.Classify(mode, hosts, Change, Kubernetes, activeController);
}
