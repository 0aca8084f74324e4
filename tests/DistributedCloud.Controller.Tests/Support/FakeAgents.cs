using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Subclouds;
using Grpc.Core;
using SiteMessage = DistributedCloud.Contracts.Agent.V1.Site;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>One call the controller made on an agent; <see cref="Effective"/> when it changed the site (not a replay, not refused).</summary>
internal sealed record AgentCall(string Subcloud, string Method, string? OperationId, bool Effective);

/// <summary>
/// The network seam: a small in-memory stand-in for the subclouds' agents. It keeps each site's pools, assignments and
/// hosts, applies pool changes in order (an out-of-order step is refused as a real agent would), is idempotent by
/// operation id like agent.proto says (a repeat replays the first answer), runs host actions asynchronously (the
/// task is set, the next site read sees the action end), records every call, and can be told to refuse a step or
/// to be unreachable (UNAVAILABLE).
/// </summary>
internal sealed class FakeAgents : ISubcloudAgentClient
{
    private readonly object _lock = new();
    private readonly Dictionary<string, SiteMessage> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _loosePools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action> _runningActions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Google.Protobuf.IMessage> _answers = new(StringComparer.Ordinal);
    private readonly List<AgentCall> _calls = [];
    private readonly HashSet<string> _unreachable = new(StringComparer.Ordinal);

    /// <summary>Refuses a change: given the subcloud and a description of the call, a reason, or null to let it through.</summary>
    public Func<string, string, string?>? Refuse { get; set; }

    /// <summary>Runs before a change takes effect (a test can hold the call there).</summary>
    public Func<AgentCall, CancellationToken, Task>? BeforeChange { get; set; }

    public IReadOnlyList<AgentCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    public void Add(Subcloud subcloud)
    {
        var site = ReportedSites.SiteOf(subcloud);
        foreach (var network in site.Networks)
        {
            foreach (var pool in network.Pools)
            {
                site.NetworkAddressPools.Add(new NetworkAddressPool
                {
                    Uuid = Guid.NewGuid().ToString(), NetworkName = network.Name, AddrpoolName = pool.Name, Primary = pool == network.Pools[0],
                });
            }
        }

        foreach (var host in site.Hosts)
        {
            host.Administrative = AdministrativeState.Unlocked;
            host.Operational = OperationalState.Enabled;
            host.Availability = Availability.Available;
            if (host.Personality == Personality.Controller)
            {
                host.Role = host.Hostname == "controller-0" ? ControllerRole.Active : ControllerRole.Standby;
            }
        }

        lock (_lock)
        {
            _sites[subcloud.Name] = site;
            _loosePools[subcloud.Name] = [];
        }
    }

    public void SetReachable(string subcloud, bool reachable)
    {
        lock (_lock)
        {
            if (reachable)
            {
                _unreachable.Remove(subcloud);
            }
            else
            {
                _unreachable.Add(subcloud);
            }
        }
    }

    public SiteMessage Site(string subcloud)
    {
        lock (_lock)
        {
            return _sites[subcloud].Clone();
        }
    }

    public Task<SiteMessage> GetSiteAsync(Subcloud subcloud, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Enter(subcloud.Name, "GetSite", null);
            var site = _sites[subcloud.Name];
            foreach (var host in site.Hosts.Where(h => _runningActions.ContainsKey(Key(subcloud.Name, h.Hostname))).ToArray())
            {
                // H-5: the action ends after the call that started it; the next read sees it over.
                var key = Key(subcloud.Name, host.Hostname);
                _runningActions[key]();
                _runningActions.Remove(key);
            }

            return Task.FromResult(site.Clone());
        }
    }

    public async Task<ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(Subcloud subcloud, ApplyNetworkChangeRequest request, CancellationToken cancellationToken)
    {
        if (Replay<ApplyNetworkChangeResponse>(subcloud.Name, "ApplyNetworkChange", request.OperationId) is { } replayed)
        {
            return replayed;
        }

        await Hold(subcloud.Name, "ApplyNetworkChange", request.OperationId, cancellationToken);
        lock (_lock)
        {
            Enter(subcloud.Name, "ApplyNetworkChange", request.OperationId, effective: true);
            var site = _sites[subcloud.Name];
            var loose = _loosePools[subcloud.Name];
            foreach (var step in request.Steps)
            {
                if (Refuse?.Invoke(subcloud.Name, Describe(step)) is { } reason)
                {
                    Retract();
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, reason));
                }

                switch (step.StepCase)
                {
                    case NetworkChangeStep.StepOneofCase.AddAddressPool:
                        loose.Add(step.AddAddressPool.Name);
                        break;
                    case NetworkChangeStep.StepOneofCase.AssignNetworkAddressPool:
                        var assign = step.AssignNetworkAddressPool;
                        if (!loose.Remove(assign.Pool))
                        {
                            Retract();
                            throw new RpcException(new Status(StatusCode.NotFound, $"no unassigned pool '{assign.Pool}'"));
                        }

                        site.NetworkAddressPools.Add(new NetworkAddressPool { Uuid = Guid.NewGuid().ToString(), NetworkName = assign.Network, AddrpoolName = assign.Pool });
                        break;
                    case NetworkChangeStep.StepOneofCase.RemoveNetworkAddressPool:
                        var row = site.NetworkAddressPools.FirstOrDefault(a => a.Uuid == step.RemoveNetworkAddressPool.Uuid);
                        if (row is null)
                        {
                            Retract();
                            throw new RpcException(new Status(StatusCode.NotFound, "no such assignment"));
                        }

                        site.NetworkAddressPools.Remove(row);
                        loose.Add(row.AddrpoolName);
                        break;
                    case NetworkChangeStep.StepOneofCase.DeleteAddressPool:
                        if (!loose.Remove(step.DeleteAddressPool.Pool))
                        {
                            Retract();
                            throw new RpcException(new Status(StatusCode.NotFound, $"no pool '{step.DeleteAddressPool.Pool}'"));
                        }

                        break;
                }
            }

            var response = new ApplyNetworkChangeResponse { OperationId = request.OperationId, State = OperationState.Succeeded };
            _answers[request.OperationId] = response;
            return response.Clone();
        }
    }

    public async Task<HostActionResponse> HostActionAsync(Subcloud subcloud, HostAction action, HostActionRequest request, CancellationToken cancellationToken)
    {
        if (Replay<HostActionResponse>(subcloud.Name, action.ToString(), request.OperationId) is { } replayed)
        {
            return replayed;
        }

        await Hold(subcloud.Name, action.ToString(), request.OperationId, cancellationToken);
        lock (_lock)
        {
            Enter(subcloud.Name, action.ToString(), request.OperationId, effective: true);
            var site = _sites[subcloud.Name];
            var host = site.Hosts.Single(h => h.Hostname == request.Host);
            var peer = site.Hosts.FirstOrDefault(h => h.Personality == Personality.Controller && h != host);
            var refusal = Refuse?.Invoke(subcloud.Name, $"{action} {request.Host}") ?? action switch
            {
                HostAction.Lock when host.Administrative == AdministrativeState.Locked => $"H-2: {request.Host} is already locked",
                HostAction.Lock when host.Role == ControllerRole.Active && peer is not null => $"H-3: {request.Host} is the active controller; swact first",
                HostAction.Unlock when host.Administrative == AdministrativeState.Unlocked => $"H-6: {request.Host} is already unlocked",
                HostAction.Swact when host.Role != ControllerRole.Active || peer is null => $"H-9: {request.Host} is not the active controller",
                _ => null,
            };
            if (refusal is not null)
            {
                Retract();
                throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal));
            }

            host.Task = action switch { HostAction.Lock => "Locking", HostAction.Unlock => "Unlocking", _ => "Swacting" };
            _runningActions[Key(subcloud.Name, host.Hostname)] = () =>
            {
                host.Task = string.Empty;
                switch (action)
                {
                    case HostAction.Lock:
                        host.Administrative = AdministrativeState.Locked;
                        host.Operational = OperationalState.Disabled;
                        break;
                    case HostAction.Unlock:
                        host.Administrative = AdministrativeState.Unlocked;
                        host.Operational = OperationalState.Enabled;
                        break;
                    default:
                        host.Role = ControllerRole.Standby;
                        peer!.Role = ControllerRole.Active;
                        break;
                }
            };
            var response = new HostActionResponse { OperationId = request.OperationId, Action = action, Host = host.Clone(), State = OperationState.Accepted };
            _answers[request.OperationId] = response;
            return response.Clone();
        }
    }

    private static string Key(string subcloud, string host) => $"{subcloud}/{host}";

    private static string Describe(NetworkChangeStep step) => step.StepCase switch
    {
        NetworkChangeStep.StepOneofCase.AddAddressPool => $"add {step.AddAddressPool.Name}",
        NetworkChangeStep.StepOneofCase.AssignNetworkAddressPool => $"assign {step.AssignNetworkAddressPool.Pool} to {step.AssignNetworkAddressPool.Network}",
        NetworkChangeStep.StepOneofCase.RemoveNetworkAddressPool => $"remove {step.RemoveNetworkAddressPool.Uuid}",
        _ => $"delete {step.DeleteAddressPool.Pool}",
    };

    private T? Replay<T>(string subcloud, string method, string operationId)
        where T : class, Google.Protobuf.IMessage<T>
    {
        lock (_lock)
        {
            Enter(subcloud, method, operationId);
            if (_answers.TryGetValue(operationId, out var answer))
            {
                var copy = ((T)answer).Clone();
                switch (copy)
                {
                    case ApplyNetworkChangeResponse change:
                        change.Replayed = true;
                        break;
                    case HostActionResponse hostAction:
                        hostAction.Replayed = true;
                        break;
                }

                return copy;
            }

            _calls.RemoveAt(_calls.Count - 1);
            return null;
        }
    }

    private async Task Hold(string subcloud, string method, string operationId, CancellationToken cancellationToken)
    {
        if (BeforeChange is { } hold)
        {
            await hold(new AgentCall(subcloud, method, operationId, Effective: true), cancellationToken);
        }
    }

    /// <summary>Records a call; an unreachable agent answers UNAVAILABLE (the call is recorded, not effective).</summary>
    private void Enter(string subcloud, string method, string? operationId, bool effective = false)
    {
        var unreachable = _unreachable.Contains(subcloud);
        _calls.Add(new AgentCall(subcloud, method, operationId, effective && !unreachable));
        if (unreachable)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Cannot reach the agent of {subcloud}: connection refused"));
        }
    }

    /// <summary>A refused change did nothing: its call is recorded as not effective.</summary>
    private void Retract()
    {
        var last = _calls[^1];
        _calls[^1] = last with { Effective = false };
    }
}
