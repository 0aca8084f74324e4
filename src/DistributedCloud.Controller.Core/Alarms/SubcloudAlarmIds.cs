namespace DistributedCloud.Controller.Core.Alarms;

/// <summary>The alarm ids the controller raises about subclouds (H-13).</summary>
public static class SubcloudAlarmIds
{
    /// <summary>Subcloud offline (D-6).</summary>
    public const string Offline = "280.001";

    /// <summary>Subcloud out-of-sync (D-7).</summary>
    public const string OutOfSync = "280.002";

    public static string Entity(string subcloud) => $"subcloud={subcloud}";
}
