using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows.Bus;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>
/// D-19: <c>dcctl host-lock|host-unlock|host-swact --subcloud X HOST</c> through the controller. Queues the workflow
/// (committed with its outbox row, D-20), wakes the publisher, and returns the operation id to follow it by.
/// </summary>
public sealed class HostWorkflows(WorkflowOutbox outbox, SubcloudRegistry registry, WorkflowSignals signals)
{
    /// <summary>Queues <paramref name="action"/> on <paramref name="host"/> of <paramref name="subcloud"/> under a new operation id.</summary>
    public Task<string> EnqueueAsync(string subcloud, HostAction action, string host, bool force, CancellationToken cancellationToken = default) =>
        EnqueueAsync(subcloud, action, host, force, operationId: null, cancellationToken);

    /// <summary>As above; a caller-chosen <paramref name="operationId"/> makes a retried request the same workflow (D-21).</summary>
    public async Task<string> EnqueueAsync(string subcloud, HostAction action, string host, bool force, string? operationId, CancellationToken cancellationToken = default)
    {
        var errors = new ErrorCollector();
        var kind = action switch
        {
            HostAction.Lock => WorkflowKinds.HostLock,
            HostAction.Unlock => WorkflowKinds.HostUnlock,
            HostAction.Swact => WorkflowKinds.HostSwact,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("D-19", "action", $"'{action}' is not a host action; use lock, unlock or swact");
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add("D-19", "host", "name the host to act on (hostname or uuid)");
        }

        if (operationId is not null && string.IsNullOrWhiteSpace(operationId))
        {
            errors.Add("D-21", "operation_id", "an operation id, when given, is not blank");
        }

        errors.ThrowIfAny();
        await registry.GetAsync(subcloud, cancellationToken).ConfigureAwait(false);
        var id = operationId?.Trim() ?? $"host-{Guid.NewGuid():N}";
        await outbox.EnqueueAsync(new WorkflowRequest(id, kind!, subcloud, ControllerJson.Write(new HostWorkflow(host.Trim(), force))), cancellationToken).ConfigureAwait(false);
        signals.OutboxCommitted();
        return id;
    }
}
