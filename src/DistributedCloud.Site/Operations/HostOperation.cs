using DistributedCloud.Site.Hosts;

namespace DistributedCloud.Site.Operations;

/// <summary>
/// One host action (H-5): accepted with a task on the host, run by the host driver, then succeeded or failed with
/// the reason. The operation id makes a repeated request return the first answer.
/// </summary>
public sealed record HostOperation(
    string OperationId,
    HostAction Action,
    string HostName,
    bool Force,
    OperationState State,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinished => State != OperationState.Running;
}
