namespace DistributedCloud.Site.Persistence.Records;

internal sealed class AlarmRecord
{
    public Guid Uuid { get; set; }

    public string AlarmId { get; set; } = string.Empty;

    public string Severity { get; set; } = string.Empty;

    public string EntityInstanceId { get; set; } = string.Empty;

    public string ReasonText { get; set; } = string.Empty;

    public string RepairAction { get; set; } = string.Empty;

    public DateTimeOffset RaisedAt { get; set; }
}
