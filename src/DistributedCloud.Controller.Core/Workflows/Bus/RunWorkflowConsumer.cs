using DistributedCloud.Controller.Core.Workflows.Execution;
using MassTransit;

namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>The bus side of <see cref="WorkflowRunner"/>: one delivered <see cref="RunWorkflow"/>, run and acknowledged.</summary>
internal sealed class RunWorkflowConsumer(WorkflowRunner runner) : IConsumer<RunWorkflow>
{
    public Task Consume(ConsumeContext<RunWorkflow> context) => runner.RunAsync(context.Message, context.CancellationToken);
}
