namespace DistributedCloud.Site.Alarms;

/// <summary>A raised alarm (H-13). At most one per alarm id and entity (H-14).</summary>
public sealed record Alarm(
    Guid Uuid,
    string AlarmId,
    AlarmSeverity Severity,
    string EntityInstanceId,
    string ReasonText,
    string RepairAction,
    DateTimeOffset RaisedAt);
