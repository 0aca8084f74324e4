namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>workflows</c>: one unit of work keyed by its operation id (D-19, D-20).</summary>
internal sealed class WorkflowRecord
{
    public string OperationId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string? Subcloud { get; set; }

    public string Payload { get; set; } = "{}";

    public string State { get; set; } = string.Empty;

    public int Attempts { get; set; }

    public string? Result { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
