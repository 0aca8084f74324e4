namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>A workflow to queue: its operation id (the idempotency key), kind, subcloud and JSON payload.</summary>
public sealed record WorkflowRequest(string OperationId, string Kind, string? Subcloud, string Payload);
