namespace DistributedCloud.Site.Alarms;

/// <summary>The alarm ids the product raises (H-13).</summary>
public static class AlarmIds
{
    /// <summary>A host's configuration is out of date (per host, N-29).</summary>
    public const string ConfigOutOfDate = "250.001";

    public const string SubcloudOffline = "280.001";

    public const string SubcloudOutOfSync = "280.002";

    public const string PeerHeartbeatFailed = "280.004";

    public const string PeerGroupNotManaged = "280.005";

    /// <summary>The entity instance of a per-host alarm.</summary>
    public static string HostEntity(string hostName) => $"host={hostName}";

    public static string Name(this AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => "critical",
        AlarmSeverity.Major => "major",
        AlarmSeverity.Minor => "minor",
        _ => "warning",
    };
}
