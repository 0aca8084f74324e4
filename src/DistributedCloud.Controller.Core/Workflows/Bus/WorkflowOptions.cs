namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>How workflows run (configuration section <c>Workflows</c>); durations are <c>hh:mm:ss[.fff]</c>.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>
    /// How long a host action (lock, unlock, swact) may take on the subcloud before its workflow fails. The message
    /// stays unacknowledged meanwhile, so this stays under RabbitMQ's consumer timeout (30 min by default).
    /// </summary>
    public TimeSpan HostActionTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often the consumer reads the site while it waits for a host action to end.</summary>
    public TimeSpan HostActionPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>D-17: after an unreachable agent, the workflow is tried again this much later (it stays running).</summary>
    public TimeSpan AgentRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The safety-net sweep of the outbox; commands wake the publisher at once.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many workflows run at once in this controller (each may wait minutes for a host action).</summary>
    public int ConcurrentWorkflows { get; set; } = 32;

    /// <summary>The strategy executor's periodic tick (pause timeouts, anything a missed signal left).</summary>
    public TimeSpan ExecutorTickInterval { get; set; } = TimeSpan.FromSeconds(10);
}
