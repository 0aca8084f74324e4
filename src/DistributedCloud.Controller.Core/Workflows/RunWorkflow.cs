namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>The body of a published message: which workflow to run. Consumers read the rest from the database.</summary>
public sealed record RunWorkflow(string OperationId, string Kind, string? Subcloud);
