using System.Globalization;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows.Bus;
using DistributedCloud.Networking.Networks;
using DistributedCloud.Networking.Pools;
using Grpc.Core;
using AllocationOrder = DistributedCloud.Contracts.Agent.V1.AllocationOrder;

namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>
/// A workflow's work on a subcloud's agent, always under the workflow's operation id so a repeat is recognised by the
/// agent (D-18, D-21): a pool step is one <c>ApplyNetworkChange</c>; a host action is started, then watched on the
/// site until it ends (bounded by <see cref="WorkflowOptions.HostActionTimeout"/>). Throws
/// <see cref="AgentUnreachableException"/> when the agent cannot be reached; a refusal is an outcome.
/// </summary>
internal sealed class AgentWork(ISubcloudAgentClient agents, WorkflowOptions options, TimeProvider time)
{
    public Task<WorkflowOutcome> RunStepAsync(Subcloud subcloud, string operationId, StepAction action, CancellationToken cancellationToken) => action.Kind switch
    {
        StepKind.LockHost => HostActionAsync(subcloud, operationId, HostAction.Lock, Required(action.Host, "host"), force: false, cancellationToken),
        StepKind.UnlockHost => HostActionAsync(subcloud, operationId, HostAction.Unlock, Required(action.Host, "host"), force: false, cancellationToken),
        StepKind.SwactHost => HostActionAsync(subcloud, operationId, HostAction.Swact, Required(action.Host, "host"), force: false, cancellationToken),
        _ => NetworkChangeAsync(subcloud, operationId, action, cancellationToken),
    };

    public async Task<WorkflowOutcome> NetworkChangeAsync(Subcloud subcloud, string operationId, StepAction action, CancellationToken cancellationToken)
    {
        var step = new NetworkChangeStep();
        switch (action.Kind)
        {
            case StepKind.AddPool:
                step.AddAddressPool = ToRequest(action.PoolSpec ?? throw new InvalidDataException($"step {operationId} adds a pool without its spec"));
                break;
            case StepKind.AssignPool:
                step.AssignNetworkAddressPool = new AssignNetworkAddressPoolRequest { Network = NetworkName(action), Pool = Required(action.Pool, "pool") };
                break;
            case StepKind.RemovePool:
                // The agent removes by assignment uuid; an assignment already gone means an earlier attempt did it.
                var site = await AgentFailures.CallAsync(() => agents.GetSiteAsync(subcloud, cancellationToken), cancellationToken).ConfigureAwait(false);
                var network = NetworkName(action);
                var assignment = site.NetworkAddressPools.FirstOrDefault(a => a.NetworkName == network && a.AddrpoolName == action.Pool);
                if (assignment is null)
                {
                    return WorkflowOutcome.Done($"{action.Pool} is not assigned to {network}: nothing to remove");
                }

                step.RemoveNetworkAddressPool = new RemoveNetworkAddressPoolRequest { Uuid = assignment.Uuid };
                break;
            case StepKind.DeletePool:
                step.DeleteAddressPool = new DeleteAddressPoolRequest { Pool = Required(action.Pool, "pool") };
                break;
            default:
                throw new InvalidDataException($"step {operationId} ({action.Kind}) is not a network change");
        }

        var request = new ApplyNetworkChangeRequest { OperationId = operationId, Steps = { step } };
        try
        {
            var response = await AgentFailures.CallAsync(() => agents.ApplyNetworkChangeAsync(subcloud, request, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (response.State == OperationState.Failed)
            {
                return WorkflowOutcome.Refused($"{action.Describe()} failed on the subcloud");
            }

            var notices = response.Notices.Count == 0 ? string.Empty : $"; {string.Join("; ", response.Notices)}";
            return WorkflowOutcome.Done($"{action.Describe()}: done{(response.Replayed ? " (replayed)" : string.Empty)}{notices}");
        }
        catch (RpcException refused) when (action.Kind == StepKind.DeletePool && refused.StatusCode == StatusCode.NotFound)
        {
            return WorkflowOutcome.Done($"pool {action.Pool} is already gone");
        }
        catch (RpcException refused)
        {
            return WorkflowOutcome.Refused(AgentFailures.Reason(refused));
        }
    }

    public async Task<WorkflowOutcome> HostActionAsync(Subcloud subcloud, string operationId, HostAction action, string host, bool force, CancellationToken cancellationToken)
    {
        var verb = HostTargets.Verb(action);
        var request = new HostActionRequest { Host = host, Force = force, OperationId = operationId };
        try
        {
            var response = await AgentFailures.CallAsync(() => agents.HostActionAsync(subcloud, action, request, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (response.State == OperationState.Failed && !response.Replayed)
            {
                return WorkflowOutcome.Refused($"{verb} {host} failed on the subcloud");
            }
        }
        catch (RpcException refused)
        {
            // Already in the target state counts as done (a repeat after the action ended, or nothing to do).
            var site = await AgentFailures.CallAsync(() => agents.GetSiteAsync(subcloud, cancellationToken), cancellationToken).ConfigureAwait(false);
            return HostTargets.Find(site, host) is { } current && !HostTargets.Busy(current) && HostTargets.Reached(action, current)
                ? WorkflowOutcome.Done($"{host} is already {(action == HostAction.Swact ? "not the active controller" : HostTargets.Describe(current))}")
                : WorkflowOutcome.Refused(AgentFailures.Reason(refused));
        }

        return await WaitForEndAsync(subcloud, action, host, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>H-5: the action runs on after the call; it is over when the host's task is empty again.</summary>
    private async Task<WorkflowOutcome> WaitForEndAsync(Subcloud subcloud, HostAction action, string host, CancellationToken cancellationToken)
    {
        var verb = HostTargets.Verb(action);
        var deadline = time.GetUtcNow() + options.HostActionTimeout;
        while (true)
        {
            var site = await AgentFailures.CallAsync(() => agents.GetSiteAsync(subcloud, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (HostTargets.Find(site, host) is not { } current)
            {
                return WorkflowOutcome.Refused($"{verb} {host}: the subcloud has no host '{host}'");
            }

            if (!HostTargets.Busy(current))
            {
                return HostTargets.Reached(action, current)
                    ? WorkflowOutcome.Done($"{verb} {host}: done ({HostTargets.Describe(current)})")
                    : WorkflowOutcome.Refused($"{verb} {host} ended without effect: the host is {HostTargets.Describe(current)}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                return WorkflowOutcome.Refused(FormattableString.Invariant(
                    $"{verb} {host} did not end within {options.HostActionTimeout.TotalSeconds:0} s (task '{current.Task}')"));
            }

            await Task.Delay(options.HostActionPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static AddAddressPoolRequest ToRequest(AddressPoolSpec spec)
    {
        var request = new AddAddressPoolRequest
        {
            Name = spec.Name,
            Network = spec.Network,
            Prefix = uint.Parse(spec.Prefix, NumberStyles.None, CultureInfo.InvariantCulture),
            Order = spec.Order?.Trim().ToLowerInvariant() switch
            {
                "random" => AllocationOrder.Random,
                "sequential" => AllocationOrder.Sequential,
                _ => AllocationOrder.Unspecified,
            },
            FloatingAddress = spec.FloatingAddress ?? string.Empty,
            Controller0Address = spec.Controller0Address ?? string.Empty,
            Controller1Address = spec.Controller1Address ?? string.Empty,
            GatewayAddress = spec.GatewayAddress ?? string.Empty,
        };
        foreach (var range in (spec.Ranges ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = range.Split('-', 2, StringSplitOptions.TrimEntries);
            request.Ranges.Add(new AddressRange { Start = ends[0], End = ends.Length > 1 ? ends[1] : ends[0] });
        }

        return request;
    }

    private static string NetworkName(StepAction action) =>
        action.Network?.Name() ?? throw new InvalidDataException($"step '{action.Describe()}' names no network");

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"the step names no {what}") : value;
}
