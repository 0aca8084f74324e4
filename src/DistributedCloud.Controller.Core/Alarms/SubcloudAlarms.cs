namespace DistributedCloud.Controller.Core.Alarms;

/// <summary>The texts of the subcloud alarms (H-13).</summary>
public static class SubcloudAlarms
{
    public static ControllerAlarm Offline(string subcloud, string? reason, DateTimeOffset at) => new(
        SubcloudAlarmIds.Offline,
        "critical",
        SubcloudAlarmIds.Entity(subcloud),
        $"Subcloud {subcloud} is offline{(string.IsNullOrEmpty(reason) ? string.Empty : $": {reason}")}",
        "Check the subcloud's agent and the network path to its primary admin or management address",
        at);

    public static ControllerAlarm OutOfSync(string subcloud, IEnumerable<string> endpoints, DateTimeOffset at) => new(
        SubcloudAlarmIds.OutOfSync,
        "major",
        SubcloudAlarmIds.Entity(subcloud),
        $"Subcloud {subcloud} is out-of-sync on {string.Join(", ", endpoints)}",
        "See 'subcloud show' for the differences; they clear when the subcloud matches what the controller expects",
        at);
}
