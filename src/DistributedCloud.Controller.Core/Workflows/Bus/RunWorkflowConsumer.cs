using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Workflows.Execution;
using MassTransit;

namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>The bus side of <see cref="WorkflowRunner"/>: one delivered <see cref="RunWorkflow"/>, run and acknowledged.</summary>
internal sealed class RunWorkflowConsumer(WorkflowRunner runner, ControllerDatabase database) : IConsumer<RunWorkflow>
{
    /// <summary>A message the broker kept across a restart may arrive before the store is open: it waits for it.</summary>
    public async Task Consume(ConsumeContext<RunWorkflow> context)
    {
        await database.WhenOpen.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        await runner.RunAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
    }
}
