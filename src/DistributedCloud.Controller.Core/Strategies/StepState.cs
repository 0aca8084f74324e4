namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>State of one step, or of one subcloud's part of a strategy.</summary>
public enum StepState
{
    Pending,
    Running,
    Succeeded,
    Failed,

    /// <summary>The subcloud went offline during its steps: paused, not failed, until a timeout (D-17).</summary>
    Paused,
    Aborted,
}
