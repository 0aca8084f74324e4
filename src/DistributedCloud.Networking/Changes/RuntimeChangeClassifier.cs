using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Sites;

namespace DistributedCloud.Networking.Changes;

/// <summary>
/// Decides, for a site's mode and hosts, what a secondary-pool change needs (networking.md's runtime table,
/// N-27..N-31). It only decides; the host model carries it out.
/// </summary>
public static class RuntimeChangeClassifier
{
    private static readonly string[] KubernetesControlPlane = ["kube-apiserver", "kube-controller-manager"];

    /// <param name="mode">The site's system mode.</param>
    /// <param name="hosts">The site's hosts.</param>
    /// <param name="change">The change.</param>
    /// <param name="kubernetes">The dual-stack transition the change causes (see <c>SiteNetworks</c>, N-27).</param>
    /// <param name="activeController">The active controller on two-controller sites (for the N-30 sequence).</param>
    public static NetworkChangeEffect Classify(
        SystemMode mode,
        IReadOnlyList<SiteHost> hosts,
        NetworkChange change,
        KubernetesTransition kubernetes,
        string activeController = "controller-0")
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(change);
        var all = hosts.Select(h => h.Name).ToArray();
        var controllers = hosts.Where(h => h.Role == HostRole.Controller).Select(h => h.Name).ToArray();
        var notices = new List<string>();
        string[] runtime;
        string[] reboot = [];
        var verb = change.Kind == PoolChangeKind.Assign ? "adding" : "removing";
        var what = $"{verb} the {change.Family.ToString()} pool of {change.Network.Name()}";

        switch (change.Network)
        {
            case NetworkType.Oam when mode == SystemMode.Simplex:
                runtime = controllers;
                notices.Add($"{what} is applied at runtime on {string.Join(", ", controllers)}; no lock/unlock is needed");
                break;
            case NetworkType.Oam:
                runtime = [];
                reboot = controllers;
                notices.Add($"{what} leaves both controllers' configuration out of date; lock and unlock each in the order shown");
                break;
            case NetworkType.Mgmt when mode == SystemMode.Simplex:
                runtime = [];
                reboot = controllers;
                notices.Add($"{what} is applied when {controllers.FirstOrDefault() ?? "the controller"} is unlocked");
                break;
            case NetworkType.Mgmt:
                runtime = all;
                reboot = all;
                notices.Add($"{what} is applied at runtime, then every host needs a lock/unlock to finish it");
                break;
            case NetworkType.Admin or NetworkType.SystemController or NetworkType.SystemControllerOam:
                runtime = controllers;
                notices.Add($"{what} is applied at runtime on the controllers");
                break;
            default:
                // cluster-host/pod/service, storage, and (before initial configuration only) pxeboot and multicast.
                runtime = all;
                notices.Add($"{what} is applied at runtime; no reboot is needed");
                break;
        }

        var restarted = kubernetes == KubernetesTransition.None ? [] : KubernetesControlPlane;
        switch (kubernetes)
        {
            case KubernetesTransition.DualStackOn:
                notices.Add("Kubernetes becomes dual-stack: kube-apiserver and kube-controller-manager restart; pods that already exist keep a single address until they are restarted");
                break;
            case KubernetesTransition.DualStackOff:
                notices.Add("Kubernetes becomes single-stack: kube-apiserver and kube-controller-manager restart; pods that already exist keep their secondary address until they are restarted");
                break;
        }

        return new NetworkChangeEffect(change, runtime, reboot, kubernetes, restarted,
            HostSequence(mode, hosts, reboot, activeController), notices);
    }

    /// <summary>
    /// N-30: on two-controller sites, lock/unlock the standby, swact to it, lock/unlock the other controller, swact
    /// back; then workers and storage hosts one at a time. On a simplex site, lock/unlock the controller.
    /// </summary>
    public static IReadOnlyList<string> HostSequence(SystemMode mode, IReadOnlyList<SiteHost> hosts, IReadOnlyCollection<string> rebootRequired, string activeController)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(rebootRequired);
        if (rebootRequired.Count == 0)
        {
            return [];
        }

        var steps = new List<string>();
        var controllers = hosts.Where(h => h.Role == HostRole.Controller).Select(h => h.Name).ToList();
        if (mode == SystemMode.Simplex || controllers.Count < 2)
        {
            // One controller (or a partial host list): no peer to swact to, so lock/unlock in place.
            foreach (var controller in controllers.Where(rebootRequired.Contains))
            {
                steps.Add($"host-lock {controller}");
                steps.Add($"host-unlock {controller}");
            }
        }
        else
        {
            if (!controllers.Contains(activeController))
            {
                activeController = controllers[0];
            }

            var standby = controllers.First(c => c != activeController);
            if (rebootRequired.Contains(standby))
            {
                steps.Add($"host-lock {standby}");
                steps.Add($"host-unlock {standby}");
            }

            if (rebootRequired.Contains(activeController))
            {
                steps.Add($"host-swact {activeController}");
                steps.Add($"host-lock {activeController}");
                steps.Add($"host-unlock {activeController}");
                steps.Add($"host-swact {standby}");
            }
        }

        foreach (var host in hosts.Where(h => h.Role != HostRole.Controller && rebootRequired.Contains(h.Name)))
        {
            steps.Add($"host-lock {host.Name}");
            steps.Add($"host-unlock {host.Name}");
        }

        return steps;
    }
}
