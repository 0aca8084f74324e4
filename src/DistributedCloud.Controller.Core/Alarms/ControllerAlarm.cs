namespace DistributedCloud.Controller.Core.Alarms;

/// <summary>An alarm the controller holds (H-13): one per id and entity (H-14).</summary>
public sealed record ControllerAlarm(
    string AlarmId,
    string Severity,
    string Entity,
    string Reason,
    string RepairAction,
    DateTimeOffset RaisedAt);
