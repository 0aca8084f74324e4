namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>A committed message waiting to be published (D-20: commit first, then publish).</summary>
public sealed record OutboxMessage(long Id, string OperationId, string MessageType, string Body, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);
