namespace DistributedCloud.Site.Operations;

/// <summary>Where a host action stands.</summary>
public enum OperationState
{
    Running,
    Succeeded,
    Failed,
}
