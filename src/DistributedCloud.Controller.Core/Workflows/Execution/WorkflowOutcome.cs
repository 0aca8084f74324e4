namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>How a workflow's work on the agent ended: done, or refused with the agent's reason.</summary>
internal sealed record WorkflowOutcome(bool Succeeded, string Message)
{
    public static WorkflowOutcome Done(string message) => new(true, message);

    public static WorkflowOutcome Refused(string reason) => new(false, reason);
}
