using DistributedCloud.Networking.Bootstrap;
using DistributedCloud.Site.Changes;
using DistributedCloud.Site.Hosting.Service;
using DistributedCloud.Site.Model;
using DistributedCloud.Site.Views;
using SiteHosts = DistributedCloud.Site.Hosts;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Simulator.Agent;

/// <summary>
/// One simulated subcloud: the real site model (<see cref="SiteModel"/>, in memory, no store or rendering) created
/// from its bootstrap plan, answered through the agent's own mapper, so GetSite says what a real agent on that
/// bootstrap would. Network changes apply to the model at once; host actions complete at once (zero-delay hosts).
/// A repeated operation id answers the recorded outcome, as the agent does (D-18). Calls on one site are serialised.
/// </summary>
public sealed class SimulatedSite
{
    private static readonly V1.Leadership NoLeader = new();
    private readonly Lock _gate = new();
    private readonly SiteModel _model;
    private readonly Dictionary<string, V1.ApplyNetworkChangeResponse> _changes = new(StringComparer.Ordinal);
    private V1.Site? _snapshot;

    public SimulatedSite(string bootstrapYaml, DateTimeOffset now)
    {
        var result = BootstrapPlanner.Plan(bootstrapYaml);
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"the simulated site's bootstrap is invalid: {string.Join("; ", result.Errors)}");
        }

        _model = SiteModel.Create(result.Plan!, now);
    }

    public V1.Site GetSite(string? localAddress, string? peerAddress)
    {
        V1.Site site;
        lock (_gate)
        {
            // The mapped site is kept until the model changes; each answer is a copy carrying its own arrival.
            _snapshot ??= AgentMapper.ToMessage(SiteSnapshots.Build(_model, []), null, null, null, NoLeader);
            site = _snapshot.Clone();
        }

        site.ArrivalFamily = V1.AddressFamily.Ipv4;
        site.ArrivalLocalAddress = localAddress ?? string.Empty;
        site.ArrivalPeerAddress = peerAddress ?? string.Empty;
        return site;
    }

    public V1.ListHostsResponse ListHosts()
    {
        lock (_gate)
        {
            var response = new V1.ListHostsResponse();
            response.Hosts.AddRange(_model.Hosts.Select(h => AgentMapper.ToMessage(SiteSnapshots.HostOf(_model, h))));
            return response;
        }
    }

    /// <summary>The steps in order on the model (the controller sends one step per operation).</summary>
    public V1.ApplyNetworkChangeResponse ApplyNetworkChange(V1.ApplyNetworkChangeRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_changes.TryGetValue(request.OperationId, out var known))
            {
                var replay = known.Clone();
                replay.Replayed = true;
                return replay;
            }

            var results = new List<NetworkChangeStepResult>();
            var notices = new List<string>();
            string? target = null;
            for (var index = 0; index < request.Steps.Count; index++)
            {
                _snapshot = null;
                var (result, change) = Apply(AgentMapper.ToStep(request.Steps[index], index), index, now);
                results.Add(result);
                if (change is not null)
                {
                    target = change.ConfigTarget;
                    notices.AddRange(change.Notices);
                }
            }

            var response = AgentMapper.ToMessage(new NetworkChangeOutcome(request.OperationId, results, target, notices.Distinct(StringComparer.Ordinal).ToArray(), now));
            if (!request.DryRun)
            {
                _changes[request.OperationId] = response;
            }

            return response;
        }
    }

    /// <summary>Lock, unlock or swact: accepted (the host as it is then, task set), then completed before answering.</summary>
    public V1.HostActionResponse HostAction(V1.HostAction action, V1.HostActionRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = action switch
        {
            V1.HostAction.Lock => SiteHosts.HostAction.Lock,
            V1.HostAction.Unlock => SiteHosts.HostAction.Unlock,
            _ => SiteHosts.HostAction.Swact,
        };
        lock (_gate)
        {
            var operationId = string.IsNullOrWhiteSpace(request.OperationId) ? null : request.OperationId;
            var (operation, replayed) = _model.BeginHostAction(kind, request.Host, request.Force, operationId, now);
            var accepted = AgentMapper.ToMessage(SiteSnapshots.HostOf(_model, _model.FindHost(operation.HostName)));
            if (!replayed)
            {
                _snapshot = null;
                _model.CompleteHostAction(operation.OperationId, succeeded: true, message: null, now);
            }

            return new V1.HostActionResponse
            {
                OperationId = operation.OperationId,
                Action = action,
                Host = accepted,
                State = replayed ? AgentMapper.ToMessage(_model.FindOperation(operation.OperationId)!.State) : V1.OperationState.Accepted,
                Replayed = replayed,
            };
        }
    }

    private (NetworkChangeStepResult Result, ConfigChange? Change) Apply(NetworkChangeStep step, int index, DateTimeOffset now)
    {
        switch (step)
        {
            case NetworkChangeStep.AddPool add:
                return (new NetworkChangeStepResult(index, Pool: PoolView.Of(_model.AddPool(add.Spec), null)), null);
            case NetworkChangeStep.ModifyPool modify:
            {
                var (pool, change) = _model.ModifyPool(modify.Pool, modify.Changes, now);
                return (new NetworkChangeStepResult(index, Pool: PoolView.Of(pool, _model.Networks.NetworkOf(pool)?.Name)), change);
            }

            case NetworkChangeStep.DeletePool delete:
            {
                var (pool, _, change) = _model.DeletePool(delete.Pool, now);
                return (new NetworkChangeStepResult(index, RemovedUuid: pool.Uuid), change);
            }

            case NetworkChangeStep.AssignPool assign:
            {
                var (assignment, change) = _model.AssignPool(assign.Network, assign.Pool, now);
                return (new NetworkChangeStepResult(index, Assignment: assignment), change);
            }

            case NetworkChangeStep.RemoveAssignment remove:
            {
                var (assignment, change) = _model.RemoveAssignment(remove.AssignmentUuid, now);
                return (new NetworkChangeStepResult(index, RemovedUuid: assignment.Uuid), change);
            }

            default:
                throw new InvalidOperationException($"step {index + 1} is of a kind the simulator does not know");
        }
    }
}
