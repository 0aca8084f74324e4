namespace DistributedCloud.Site.Hosts;

/// <summary>The words the platform commands print for host states and actions (H-1).</summary>
public static class HostStateNames
{
    public static string Name(this AdministrativeState state) => state == AdministrativeState.Locked ? "locked" : "unlocked";

    public static string Name(this OperationalState state) => state == OperationalState.Enabled ? "enabled" : "disabled";

    public static string Name(this Availability availability) => availability switch
    {
        Availability.Available => "available",
        Availability.Online => "online",
        Availability.Offline => "offline",
        Availability.Degraded => "degraded",
        Availability.Failed => "failed",
        _ => "power-off",
    };

    public static string Name(this ControllerRole role) => role switch
    {
        ControllerRole.Active => "active",
        ControllerRole.Standby => "standby",
        _ => string.Empty,
    };

    public static string Name(this HostAction action) => action switch
    {
        HostAction.Lock => "lock",
        HostAction.Unlock => "unlock",
        _ => "swact",
    };

    /// <summary>The task a host shows while the action runs (H-1, H-5).</summary>
    public static string Task(this HostAction action, bool force) => action switch
    {
        HostAction.Lock => force ? "Force Locking" : "Locking",
        HostAction.Unlock => force ? "Force Unlocking" : "Unlocking",
        _ => force ? "Force Swacting" : "Swacting",
    };

    public static bool TryParseAvailability(string? text, out Availability availability)
    {
        foreach (var value in Enum.GetValues<Availability>())
        {
            if (string.Equals(value.Name(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                availability = value;
                return true;
            }
        }

        availability = default;
        return false;
    }
}
