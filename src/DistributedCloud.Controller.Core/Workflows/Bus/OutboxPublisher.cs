using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Workflows.Bus;

/// <summary>
/// D-20: publishes committed outbox rows as <see cref="RunWorkflow"/> and marks them published. At start every
/// unfinished workflow without a waiting message gets one again (what an in-memory bus held died with the process).
/// Woken by <see cref="WorkflowSignals.OutboxCommitted"/>, with a slow sweep as a safety net. A crash between publish
/// and mark publishes a message twice; consumers are idempotent by operation id (D-21).
/// </summary>
internal sealed class OutboxPublisher(
    WorkflowOutbox outbox,
    ControllerDatabase database,
    IBus messages,
    WorkflowSignals signals,
    BusOptions bus,
    WorkflowOptions options,
    TimeProvider time,
    ILogger<OutboxPublisher> logger) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host opens the store after its listeners are bound; nothing is read before that.
        await database.WhenOpen.WaitAsync(stoppingToken).ConfigureAwait(false);
        logger.BusTransport(bus.Transport.ToString());
        var requeued = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!requeued)
                {
                    await outbox.RequeueUnfinishedAsync(stoppingToken).ConfigureAwait(false);
                    requeued = true;
                }

                await PublishPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.OutboxPublishFailed(ex);
            }

            try
            {
                await signals.Outbox.WaitAsync(options.OutboxSweepInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PublishPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var pending = await outbox.PendingMessagesAsync(Batch, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            foreach (var message in pending)
            {
                var body = ControllerJson.Read<RunWorkflow>(message.Body);
                await messages.Publish(body, cancellationToken).ConfigureAwait(false);
                database.Telemetry.WorkflowsPublished.Add(1, new KeyValuePair<string, object?>("kind", body.Kind));
                database.Telemetry.OutboxLag.Record(Math.Max(0, (now - message.CreatedAt).TotalMilliseconds));
            }

            await outbox.MarkPublishedAsync(pending.Select(m => m.Id).ToArray(), cancellationToken).ConfigureAwait(false);
            logger.OutboxPublished(pending.Count);
            if (pending.Count < Batch)
            {
                return;
            }
        }
    }
}
