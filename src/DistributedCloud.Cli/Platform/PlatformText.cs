using System.Globalization;
using DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Cli.Platform;

/// <summary>How platform values read in tables: the reference platform's words (locked, IPv6, random, True).</summary>
public static class PlatformText
{
    public static string Family(AddressFamily family) => family switch
    {
        AddressFamily.Ipv4 => "IPv4",
        AddressFamily.Ipv6 => "IPv6",
        _ => "unknown",
    };

    public static string Order(AllocationOrder order) => order == AllocationOrder.Sequential ? "sequential" : "random";

    /// <summary>Ranges as a Python list, as the reference platform prints them: <c>['a-b', 'c-d']</c>.</summary>
    public static string Ranges(IEnumerable<AddressRange> ranges) =>
        "[" + string.Join(", ", ranges.Select(r => $"'{r.Start}-{r.End}'")) + "]";

    public static string? Optional(string value) => string.IsNullOrEmpty(value) ? null : value;

    public static string Bool(bool value) => value ? "True" : "False";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Personality(Personality personality) => personality switch
    {
        Contracts.Agent.V1.Personality.Controller => "controller",
        Contracts.Agent.V1.Personality.Worker => "worker",
        Contracts.Agent.V1.Personality.Storage => "storage",
        _ => "unknown",
    };

    public static string Administrative(AdministrativeState state) => state == AdministrativeState.Locked ? "locked" : "unlocked";

    public static string Operational(OperationalState state) => state == OperationalState.Enabled ? "enabled" : "disabled";

    public static string Availability(Availability availability) => availability switch
    {
        Contracts.Agent.V1.Availability.Available => "available",
        Contracts.Agent.V1.Availability.Online => "online",
        Contracts.Agent.V1.Availability.Offline => "offline",
        Contracts.Agent.V1.Availability.Degraded => "degraded",
        Contracts.Agent.V1.Availability.Failed => "failed",
        Contracts.Agent.V1.Availability.PowerOff => "power-off",
        _ => "unknown",
    };

    public static string? Role(ControllerRole role) => role switch
    {
        ControllerRole.Active => "Controller-Active",
        ControllerRole.Standby => "Controller-Standby",
        _ => null,
    };

    public static string Severity(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => "critical",
        AlarmSeverity.Major => "major",
        AlarmSeverity.Minor => "minor",
        _ => "warning",
    };

    public static string? Timestamp(Google.Protobuf.WellKnownTypes.Timestamp? time) =>
        time is null ? null : time.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
