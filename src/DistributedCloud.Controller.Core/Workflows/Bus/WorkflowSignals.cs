namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>
/// In-process wake-ups for the workflow loops, so work does not wait for their periodic sweeps. Call
/// <see cref="OutboxCommitted"/> after a command that queued a workflow committed (D-20: commit, then publish), and
/// <see cref="StrategyChanged"/> after a strategy command or a subcloud availability change (apply, abort, D-17).
/// </summary>
public sealed class WorkflowSignals
{
    internal WakeSignal Outbox { get; } = new();

    internal WakeSignal Strategy { get; } = new();

    public void OutboxCommitted() => Outbox.Set();

    public void StrategyChanged() => Strategy.Set();
}
