namespace DistributedCloud.Controller.Core.Persistence.Records;

/// <summary>Row of <c>outbox</c>: a message to publish once the state that needs it is committed (D-20).</summary>
internal sealed class OutboxRecord
{
    public long Id { get; set; }

    public string OperationId { get; set; } = string.Empty;

    public string MessageType { get; set; } = string.Empty;

    public string Body { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
