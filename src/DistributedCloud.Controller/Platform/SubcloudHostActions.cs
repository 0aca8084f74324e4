using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Controller.Core.Workflows.Execution;
using DistributedCloud.Networking.Errors;
using Grpc.Core;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Platform;

/// <summary>
/// Lock, unlock and swact on a subcloud's host run as workflows on the bus (D-19), so a controller crash neither loses
/// nor repeats them. The caller still gets an answer like the agent's: it waits briefly until the agent accepted the
/// action (the host shows its task), finished it, or refused it (the agent's reason, as a failed precondition).
/// </summary>
public sealed class SubcloudHostActions(HostWorkflows workflows, WorkflowOutbox outbox, SubcloudProxy proxy, TimeProvider time)
{
    // Long enough for a queued workflow to reach the agent on a busy controller; after it the caller follows the host.
    private static readonly TimeSpan AcceptanceWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<V1.HostActionResponse> RunAsync(string subcloud, V1.HostAction action, V1.HostActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requested = string.IsNullOrWhiteSpace(request.OperationId) ? null : request.OperationId.Trim();
        // A caller repeating its operation id gets the first request's workflow back, flagged as a replay (agent.proto).
        var replayed = requested is not null && await outbox.GetAsync(requested, cancellationToken).ConfigureAwait(false) is not null;
        var operationId = await workflows.EnqueueAsync(subcloud, action, request.Host, request.Force, requested, cancellationToken).ConfigureAwait(false);
        var giveUpAt = time.GetUtcNow() + AcceptanceWait;
        while (true)
        {
            var workflow = await outbox.GetAsync(operationId, cancellationToken).ConfigureAwait(false);
            if (workflow?.State == WorkflowState.Failed)
            {
                throw new DomainException(new DomainError("D-19", "host",
                    $"{action.ToString().ToLowerInvariant()} of '{request.Host}' on subcloud '{subcloud}' was refused: {workflow.Result ?? "no reason given"}",
                    ErrorKind.FailedPrecondition));
            }

            var finished = workflow?.State == WorkflowState.Succeeded;
            if (finished || workflow?.State == WorkflowState.Running)
            {
                var host = await proxy.CallAsync(subcloud, "ShowHost",
                    (invoker, options) => new V1.SubcloudAgent.SubcloudAgentClient(invoker).ShowHostAsync(new V1.ShowHostRequest { Host = request.Host }, options),
                    new CallOptions(cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (finished || !string.IsNullOrEmpty(host.Task))
                {
                    return Response(operationId, action, host, finished ? V1.OperationState.Succeeded : V1.OperationState.Running, replayed);
                }
            }

            if (time.GetUtcNow() >= giveUpAt)
            {
                return Response(operationId, action, host: null, V1.OperationState.Accepted, replayed);
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static V1.HostActionResponse Response(string operationId, V1.HostAction action, V1.Host? host, V1.OperationState state, bool replayed)
    {
        var response = new V1.HostActionResponse { OperationId = operationId, Action = action, State = state, Replayed = replayed };
        if (host is not null)
        {
            response.Host = host;
        }

        return response;
    }
}
