namespace DistributedCloud.Networking.Changes;

/// <summary>
/// What a network change means for a site's hosts and Kubernetes (N-27..N-31), as data the host model acts on.
/// </summary>
/// <param name="RuntimeApplyHosts">Hosts whose configuration is applied at once, without a reboot.</param>
/// <param name="RebootRequiredHosts">Hosts whose new configuration carries "reboot required": config out-of-date
/// (alarm 250.001) until that host's lock/unlock cycle (N-28, N-29).</param>
/// <param name="Kubernetes">Whether this change turns Kubernetes dual-stack on or off (fires once each way, N-27).</param>
/// <param name="RestartedComponents">Kubernetes components restarted by the change.</param>
/// <param name="HostSequence">The safe order of host actions that clears the reboot requirement (N-30), as
/// platform commands.</param>
/// <param name="Notices">What the operator should know, in sentences (pods to restart, when the change applies).</param>
public sealed record NetworkChangeEffect(
    NetworkChange Change,
    IReadOnlyList<string> RuntimeApplyHosts,
    IReadOnlyList<string> RebootRequiredHosts,
    KubernetesTransition Kubernetes,
    IReadOnlyList<string> RestartedComponents,
    IReadOnlyList<string> HostSequence,
    IReadOnlyList<string> Notices);
