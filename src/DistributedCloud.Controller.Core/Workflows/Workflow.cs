namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>A stored workflow (D-20: the database is the source of truth for workflow state).</summary>
public sealed record Workflow(
    string OperationId,
    string Kind,
    string? Subcloud,
    string Payload,
    WorkflowState State,
    int Attempts,
    string? Result,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinished => State is WorkflowState.Succeeded or WorkflowState.Failed;
}
