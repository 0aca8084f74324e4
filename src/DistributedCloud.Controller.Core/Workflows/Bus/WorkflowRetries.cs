using System.Threading.Channels;
using DistributedCloud.Controller.Core.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>
/// Re-queues a workflow whose agent was unreachable, after <see cref="WorkflowOptions.AgentRetryDelay"/>. The message
/// is acknowledged meanwhile (nothing held unacked on the broker); the retry lives in this process only, which is
/// enough: the workflow stays unfinished in the database, so a restart re-queues it anyway (D-20).
/// </summary>
internal sealed class WorkflowRetries(IBus bus, TimeProvider time, ILogger<WorkflowRetries> logger) : BackgroundService
{
    private readonly Channel<(RunWorkflow Message, TimeSpan Delay)> _queue = Channel.CreateUnbounded<(RunWorkflow, TimeSpan)>();

    public void Schedule(RunWorkflow message, TimeSpan delay) => _queue.Writer.TryWrite((message, delay));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (message, delay) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _ = PublishLaterAsync(message, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PublishLaterAsync(RunWorkflow message, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            await bus.Publish(message, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            logger.OutboxPublishFailed(ex);
            Schedule(message, delay);
        }
    }
}
