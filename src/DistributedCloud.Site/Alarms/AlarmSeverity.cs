namespace DistributedCloud.Site.Alarms;

/// <summary>H-13.</summary>
public enum AlarmSeverity
{
    Critical,
    Major,
    Minor,
    Warning,
}
