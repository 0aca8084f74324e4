using DistributedCloud.Networking.Changes;

namespace DistributedCloud.Site.Changes;

/// <summary>
/// What one network change did to the site (N-27..N-32): the new config target and rendering generation, the hosts
/// that applied it at once and those left out of date (alarm 250.001), the N-30 sequence that clears them, the
/// Kubernetes transition and the pods to restart, and the notices for the operator.
/// </summary>
public sealed record ConfigChange(
    string ConfigTarget,
    long Generation,
    NetworkChangeEffect Effect,
    IReadOnlyList<string> RuntimeAppliedHosts,
    IReadOnlyList<string> OutOfDateHosts,
    IReadOnlyList<string> HostSequence,
    IReadOnlyList<string> PodsToRestart,
    IReadOnlyList<string> Notices)
{
    public KubernetesTransition Kubernetes => Effect.Kubernetes;
}
