using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Agent.Hosting;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Site;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Agent.Service;

/// <summary>
/// distributedcloud.agent.v1.SubcloudAgent over the site: one line of work per method, the mapping in
/// <see cref="AgentMapper"/>, refusals as <see cref="DomainException"/> (mapped to gRPC statuses by the wire layer),
/// fencing in <see cref="FencingFilter"/> before any of this runs.
/// </summary>
public sealed class AgentService(
    AgentSite site,
    LeadershipStore leadership,
    AgentTelemetry telemetry,
    IHostApplicationLifetime lifetime,
    ILogger<AgentService> logger)
{
    private SiteManager Site => site.Manager;

    public Task<V1.Site> GetSite(V1.GetSiteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = leadership.Current;
        return Task.FromResult(AgentMapper.ToMessage(Site.GetSite(), context.ArrivalFamily, context.LocalAddress?.ToString(),
            context.RemoteAddress?.ToString(), new V1.Leadership { ControllerId = current.ControllerId, Epoch = current.Epoch }));
    }

    public Task<V1.ListAddressPoolsResponse> ListAddressPools(V1.ListAddressPoolsRequest request, ServerCallContext context)
    {
        var response = new V1.ListAddressPoolsResponse();
        response.Pools.AddRange(Site.ListPools().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    public Task<V1.AddressPool> ShowAddressPool(V1.ShowAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(AgentMapper.ToMessage(Site.ShowPool(Required(request.Pool, "pool", "N-4"))));
    }

    public async Task<V1.AddressPool> AddAddressPool(V1.AddAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AgentMapper.ToMessage(await Site.AddPoolAsync(AgentMapper.ToSpec(request), context.CancellationToken));
    }

    public async Task<V1.AddressPool> ModifyAddressPool(V1.ModifyAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.ModifyPoolAsync(Required(request.Pool, "pool", "N-4"), AgentMapper.ToChanges(request), context.CancellationToken);
        return AgentMapper.ToMessage(outcome.Pool);
    }

    public async Task<V1.DeleteAddressPoolResponse> DeleteAddressPool(V1.DeleteAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.DeletePoolAsync(Required(request.Pool, "pool", "N-4"), context.CancellationToken);
        return new V1.DeleteAddressPoolResponse { Uuid = outcome.Pool.Uuid.ToString() };
    }

    public Task<V1.ListNetworksResponse> ListNetworks(V1.ListNetworksRequest request, ServerCallContext context)
    {
        var response = new V1.ListNetworksResponse();
        response.Networks.AddRange(Site.ListNetworks().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    public Task<V1.ListNetworkAddressPoolsResponse> ListNetworkAddressPools(V1.ListNetworkAddressPoolsRequest request, ServerCallContext context)
    {
        var response = new V1.ListNetworkAddressPoolsResponse();
        response.NetworkAddressPools.AddRange(Site.ListNetworkPools().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    public async Task<V1.NetworkAddressPool> AssignNetworkAddressPool(V1.AssignNetworkAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.AssignPoolAsync(request.Network, request.Pool, context.CancellationToken);
        return AgentMapper.ToMessage(outcome.Assignment);
    }

    public async Task<V1.RemoveNetworkAddressPoolResponse> RemoveNetworkAddressPool(V1.RemoveNetworkAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.RemoveAssignmentAsync(Required(request.Uuid, "uuid", "N-19"), context.CancellationToken);
        return new V1.RemoveNetworkAddressPoolResponse { Uuid = outcome.Assignment.Uuid.ToString() };
    }

    public Task<V1.ListHostsResponse> ListHosts(V1.ListHostsRequest request, ServerCallContext context)
    {
        var response = new V1.ListHostsResponse();
        response.Hosts.AddRange(Site.ListHosts().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    public Task<V1.Host> ShowHost(V1.ShowHostRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(AgentMapper.ToMessage(Site.ShowHost(Required(request.Host, "host", "H-1"))));
    }

    public async Task<V1.HostActionResponse> LockHost(V1.HostActionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var ticket = await Site.LockHostAsync(Required(request.Host, "host", "H-1"), request.Force, OperationId(request), context.CancellationToken);
        return AgentMapper.ToMessage(ticket, Site.ShowHost(ticket.Accepted.HostName));
    }

    public async Task<V1.HostActionResponse> UnlockHost(V1.HostActionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var ticket = await Site.UnlockHostAsync(Required(request.Host, "host", "H-1"), request.Force, OperationId(request), context.CancellationToken);
        return AgentMapper.ToMessage(ticket, Site.ShowHost(ticket.Accepted.HostName));
    }

    public async Task<V1.HostActionResponse> SwactHost(V1.HostActionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var ticket = await Site.SwactHostAsync(Required(request.Host, "host", "H-1"), request.Force, OperationId(request), context.CancellationToken);
        return AgentMapper.ToMessage(ticket, Site.ShowHost(ticket.Accepted.HostName));
    }

    public Task<V1.ListAlarmsResponse> ListAlarms(V1.ListAlarmsRequest request, ServerCallContext context)
    {
        var response = new V1.ListAlarmsResponse();
        response.Alarms.AddRange(Site.ListAlarms().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    public async Task<V1.ApplyNetworkChangeResponse> ApplyNetworkChange(V1.ApplyNetworkChangeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var steps = request.Steps.Select(AgentMapper.ToStep).ToArray();
        var outcome = await Site.ApplyNetworkChangeAsync(request.OperationId, steps, request.DryRun, context.CancellationToken);
        return AgentMapper.ToMessage(outcome);
    }

    /// <summary>Site events after the requested sequence, then live ones, until the caller leaves or the agent stops.</summary>
    public async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.SiteEvent> responses, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(context);
        var events = Site.Events;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        telemetry.Watchers.Add(1);
        logger.WatchStarted(context.Peer, request.AfterSequence);
        long sent = 0;
        try
        {
            await foreach (var item in events.WatchAsync(request.AfterSequence, watch.Token))
            {
                await responses.WriteAsync(AgentMapper.ToMessage(item), watch.Token);
                sent++;
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // The agent is stopping: the stream ends with OK and the caller watches again after the restart.
        }
        finally
        {
            telemetry.Watchers.Add(-1);
            logger.WatchEnded(context.Peer, sent);
        }
    }

    private static string Required(string value, string field, string rule) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new DomainException(new DomainError(rule, field, $"'{field}' is empty; give a name or uuid"))
            : value;

    private static string? OperationId(V1.HostActionRequest request) =>
        string.IsNullOrWhiteSpace(request.OperationId) ? null : request.OperationId;
}
