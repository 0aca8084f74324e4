using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Persistence.Records;
using DistributedCloud.Networking.Errors;
using Microsoft.EntityFrameworkCore;

namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>
/// D-20: workflow state and the outbox. A workflow and its message are written in the transaction of the command that
/// needs them; the publisher sends committed messages only and marks them published; on start-up every unfinished
/// workflow without a pending message gets one again. Consumers finish a workflow at most once (idempotent by id).
/// </summary>
public sealed class WorkflowOutbox
{
    private readonly ControllerDatabase _database;

    public WorkflowOutbox(ControllerDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Queues a workflow on its own (host lock/unlock/swact); a repeat of the same id and payload is a no-op.</summary>
    public Task<Workflow> EnqueueAsync(WorkflowRequest request, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("workflow enqueue", context => EnqueueAsync(context, request, _database.Time.GetUtcNow(), _database, cancellationToken), cancellationToken);

    /// <summary>Queues a workflow inside another command's transaction.</summary>
    internal static async Task<Workflow> EnqueueAsync(ControllerDbContext context, WorkflowRequest request, DateTimeOffset now, ControllerDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await context.Workflows.FindAsync([request.OperationId], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.Kind != request.Kind || existing.Payload != request.Payload || existing.Subcloud != request.Subcloud)
            {
                throw new DomainException(new DomainError("D-21", "operation_id",
                    $"operation id '{request.OperationId}' is already used by another workflow ({existing.Kind}); an id names one piece of work",
                    ErrorKind.Conflict));
            }

            return RecordMapping.ToWorkflow(existing);
        }

        var record = new WorkflowRecord
        {
            OperationId = request.OperationId,
            Kind = request.Kind,
            Subcloud = request.Subcloud,
            Payload = request.Payload,
            State = nameof(WorkflowState.Queued),
            CreatedAt = now,
            UpdatedAt = now,
        };
        context.Workflows.Add(record);
        context.Outbox.Add(NewMessage(record, now));
        database.Logger.WorkflowQueued(request.OperationId, request.Kind);
        database.Telemetry.Workflows.Add(1, new("kind", request.Kind), new("state", "queued"));
        return RecordMapping.ToWorkflow(record);
    }

    /// <summary>Committed messages not yet published, oldest first.</summary>
    public Task<IReadOnlyList<OutboxMessage>> PendingMessagesAsync(int max = 1000, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<OutboxMessage>>(async context =>
            (await context.Outbox.AsNoTracking().Where(m => m.PublishedAt == null).OrderBy(m => m.Id).Take(max)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(RecordMapping.ToMessage).ToArray(), cancellationToken);

    public Task MarkPublishedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("outbox published", async context =>
        {
            var now = _database.Time.GetUtcNow();
            foreach (var message in await context.Outbox.Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                message.PublishedAt ??= now;
            }

            return 0;
        }, cancellationToken);

    public Task<Workflow?> GetAsync(string operationId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(async context =>
        {
            var record = await context.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.OperationId == operationId, cancellationToken).ConfigureAwait(false);
            return record is null ? null : RecordMapping.ToWorkflow(record);
        }, cancellationToken);

    /// <summary>D-20: workflows committed but not finished (queued or running), oldest first.</summary>
    public Task<IReadOnlyList<Workflow>> UnfinishedAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(context => UnfinishedAsync(context, cancellationToken), cancellationToken);

    internal static async Task<IReadOnlyList<Workflow>> UnfinishedAsync(ControllerDbContext context, CancellationToken cancellationToken)
    {
        var unfinished = new[] { nameof(WorkflowState.Queued), nameof(WorkflowState.Running) };
        var records = await context.Workflows.AsNoTracking().Where(w => unfinished.Contains(w.State))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return records.Select(RecordMapping.ToWorkflow).OrderBy(w => w.CreatedAt).ThenBy(w => w.OperationId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A consumer took the workflow (one more attempt).</summary>
    public Task<Workflow> StartedAsync(string operationId, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("workflow started", async context =>
        {
            var record = await FindAsync(context, operationId, cancellationToken).ConfigureAwait(false);
            if (record.State == nameof(WorkflowState.Queued) || record.State == nameof(WorkflowState.Running))
            {
                record.State = nameof(WorkflowState.Running);
                record.Attempts++;
                record.UpdatedAt = _database.Time.GetUtcNow();
            }

            return RecordMapping.ToWorkflow(record);
        }, cancellationToken);

    /// <summary>Records a workflow's end once: a second finish (a redelivered message) changes nothing and returns false.</summary>
    public Task<bool> FinishAsync(string operationId, bool succeeded, string? result, CancellationToken cancellationToken = default) =>
        _database.CommandAsync("workflow finished", context => FinishAsync(context, operationId, succeeded, result, _database, cancellationToken), cancellationToken);

    internal static async Task<bool> FinishAsync(ControllerDbContext context, string operationId, bool succeeded, string? result, ControllerDatabase database, CancellationToken cancellationToken)
    {
        var record = await FindAsync(context, operationId, cancellationToken).ConfigureAwait(false);
        if (record.State is nameof(WorkflowState.Succeeded) or nameof(WorkflowState.Failed))
        {
            return false;
        }

        record.State = succeeded ? nameof(WorkflowState.Succeeded) : nameof(WorkflowState.Failed);
        record.Result = result;
        record.UpdatedAt = database.Time.GetUtcNow();
        database.Logger.WorkflowFinished(operationId, record.State);
        database.Telemetry.Workflows.Add(1, new("kind", record.Kind), new("state", record.State));
        return true;
    }

    /// <summary>
    /// D-20, at start-up: every unfinished workflow whose message is not waiting in the outbox gets a new one, so
    /// nothing committed is lost (an in-memory bus loses what it held when the process died). Returns how many.
    /// </summary>
    public Task<int> RequeueUnfinishedAsync(CancellationToken cancellationToken = default) =>
        _database.CommandAsync("workflow requeue", async context =>
        {
            var now = _database.Time.GetUtcNow();
            var waiting = (await context.Outbox.Where(m => m.PublishedAt == null).Select(m => m.OperationId)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var count = 0;
            foreach (var workflow in await UnfinishedAsync(context, cancellationToken).ConfigureAwait(false))
            {
                if (waiting.Contains(workflow.OperationId))
                {
                    continue;
                }

                context.Outbox.Add(NewMessage(workflow, now));
                count++;
            }

            _database.Logger.WorkflowsRequeued(count);
            return count;
        }, cancellationToken);

    private static async Task<WorkflowRecord> FindAsync(ControllerDbContext context, string operationId, CancellationToken cancellationToken) =>
        await context.Workflows.FindAsync([operationId], cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException(new DomainError("D-20", "operation_id", $"no workflow has operation id '{operationId}'", ErrorKind.NotFound));

    private static OutboxRecord NewMessage(WorkflowRecord workflow, DateTimeOffset now) => new()
    {
        OperationId = workflow.OperationId,
        MessageType = WorkflowKinds.RunWorkflowMessage,
        Body = ControllerJson.Write(new RunWorkflow(workflow.OperationId, workflow.Kind, workflow.Subcloud)),
        CreatedAt = now,
    };

    private static OutboxRecord NewMessage(Workflow workflow, DateTimeOffset now) => new()
    {
        OperationId = workflow.OperationId,
        MessageType = WorkflowKinds.RunWorkflowMessage,
        Body = ControllerJson.Write(new RunWorkflow(workflow.OperationId, workflow.Kind, workflow.Subcloud)),
        CreatedAt = now,
    };
}
