using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>
/// When a host action is over (hosts.md H-5, H-8, H-12): the task is empty again, and the host is locked (lock),
/// unlocked (unlock), or no longer the active controller (swact). A host already there needs nothing done.
/// </summary>
internal static class HostTargets
{
    public static bool Reached(HostAction action, Host host) => action switch
    {
        HostAction.Lock => host.Administrative == AdministrativeState.Locked,
        HostAction.Unlock => host.Administrative == AdministrativeState.Unlocked,
        HostAction.Swact => host.Role != ControllerRole.Active,
        _ => false,
    };

    public static bool Busy(Host host) => !string.IsNullOrEmpty(host.Task);

    public static Host? Find(Site site, string host) =>
        site.Hosts.FirstOrDefault(h => string.Equals(h.Hostname, host, StringComparison.Ordinal) || string.Equals(h.Uuid, host, StringComparison.OrdinalIgnoreCase));

    public static string Verb(HostAction action) => action switch
    {
        HostAction.Lock => "lock",
        HostAction.Unlock => "unlock",
        HostAction.Swact => "swact",
        _ => action.ToString(),
    };

    public static string Describe(Host host) =>
        $"{host.Administrative.ToString().ToLowerInvariant()}/{host.Operational.ToString().ToLowerInvariant()}/{host.Availability.ToString().ToLowerInvariant()}"
        + (host.Role == ControllerRole.Unspecified ? string.Empty : $", {host.Role.ToString().ToLowerInvariant()}");
}
