namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>alarms</c>: one per alarm id and entity (H-14).</summary>
internal sealed class AlarmRecord
{
    public string AlarmId { get; set; } = string.Empty;

    public string Entity { get; set; } = string.Empty;

    public string Severity { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public string RepairAction { get; set; } = string.Empty;

    public DateTimeOffset RaisedAt { get; set; }
}
