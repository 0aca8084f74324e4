namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>A workflow's state; <see cref="Queued"/> and <see cref="Running"/> are unfinished (D-20).</summary>
public enum WorkflowState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
