namespace DistributedCloud.Site.Persistence.Records;

internal sealed class OperationRecord
{
    public string OperationId { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string HostName { get; set; } = string.Empty;

    public bool Force { get; set; }

    public string State { get; set; } = string.Empty;

    public string? Message { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
