using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Site.Hosting.Diagnostics;
using DistributedCloud.Site.Hosting.Grpc;
using DistributedCloud.Site.Hosting.Sites;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Site.Hosting.Service;

/// <summary>
/// distributedcloud.agent.v1.SubcloudAgent over the open site: the agent serves it for its site, the system controller
/// for its own (architecture decision 2). Each method is one line of work (the mapping in <see cref="AgentMapper"/>);
/// refusals are <see cref="DomainException"/>s, mapped to statuses by <see cref="DomainErrorInterceptor"/>; fencing,
/// call records and forwarding are interceptors of the hosts.
/// </summary>
public class SitePlatformService(HostedSite site, IHostApplicationLifetime lifetime, ILogger<SitePlatformService> logger) : V1.SubcloudAgent.SubcloudAgentBase
{
    private SiteManager Site => site.Manager;

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.Site> GetSite(V1.GetSiteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(AgentMapper.ToMessage(Site.GetSite(), context.ArrivalFamily(), context.LocalAddress()?.ToString(),
            context.RemoteAddress()?.ToString(), CurrentLeadership()));
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.ListAddressPoolsResponse> ListAddressPools(V1.ListAddressPoolsRequest request, ServerCallContext context)
    {
        var response = new V1.ListAddressPoolsResponse();
        response.Pools.AddRange(Site.ListPools().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.AddressPool> ShowAddressPool(V1.ShowAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(AgentMapper.ToMessage(Site.ShowPool(Required(request.Pool, "pool", "N-4"))));
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<V1.AddressPool> AddAddressPool(V1.AddAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AgentMapper.ToMessage(await Site.AddPoolAsync(AgentMapper.ToSpec(request), context.CancellationToken).ConfigureAwait(false));
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<V1.AddressPool> ModifyAddressPool(V1.ModifyAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.ModifyPoolAsync(Required(request.Pool, "pool", "N-4"), AgentMapper.ToChanges(request), context.CancellationToken).ConfigureAwait(false);
        return AgentMapper.ToMessage(outcome.Pool);
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<V1.DeleteAddressPoolResponse> DeleteAddressPool(V1.DeleteAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.DeletePoolAsync(Required(request.Pool, "pool", "N-4"), context.CancellationToken).ConfigureAwait(false);
        return new V1.DeleteAddressPoolResponse { Uuid = outcome.Pool.Uuid.ToString() };
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.ListNetworksResponse> ListNetworks(V1.ListNetworksRequest request, ServerCallContext context)
    {
        var response = new V1.ListNetworksResponse();
        response.Networks.AddRange(Site.ListNetworks().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.ListNetworkAddressPoolsResponse> ListNetworkAddressPools(V1.ListNetworkAddressPoolsRequest request, ServerCallContext context)
    {
        var response = new V1.ListNetworkAddressPoolsResponse();
        response.NetworkAddressPools.AddRange(Site.ListNetworkPools().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<V1.NetworkAddressPool> AssignNetworkAddressPool(V1.AssignNetworkAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.AssignPoolAsync(request.Network, request.Pool, context.CancellationToken).ConfigureAwait(false);
        return AgentMapper.ToMessage(outcome.Assignment);
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<V1.RemoveNetworkAddressPoolResponse> RemoveNetworkAddressPool(V1.RemoveNetworkAddressPoolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await Site.RemoveAssignmentAsync(Required(request.Uuid, "uuid", "N-19"), context.CancellationToken).ConfigureAwait(false);
        return new V1.RemoveNetworkAddressPoolResponse { Uuid = outcome.Assignment.Uuid.ToString() };
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.ListHostsResponse> ListHosts(V1.ListHostsRequest request, ServerCallContext context)
    {
        var response = new V1.ListHostsResponse();
        response.Hosts.AddRange(Site.ListHosts().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.Host> ShowHost(V1.ShowHostRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(AgentMapper.ToMessage(Site.ShowHost(Required(request.Host, "host", "H-1"))));
    }

    [Authorize(Policy = AdminRoles.Operator)]
    public override Task<V1.HostActionResponse> LockHost(V1.HostActionRequest request, ServerCallContext context) =>
        HostActionAsync(V1.HostAction.Lock, request, context);

    [Authorize(Policy = AdminRoles.Operator)]
    public override Task<V1.HostActionResponse> UnlockHost(V1.HostActionRequest request, ServerCallContext context) =>
        HostActionAsync(V1.HostAction.Unlock, request, context);

    [Authorize(Policy = AdminRoles.Operator)]
    public override Task<V1.HostActionResponse> SwactHost(V1.HostActionRequest request, ServerCallContext context) =>
        HostActionAsync(V1.HostAction.Swact, request, context);

    [Authorize(Policy = AdminRoles.Reader)]
    public override Task<V1.ListAlarmsResponse> ListAlarms(V1.ListAlarmsRequest request, ServerCallContext context)
    {
        var response = new V1.ListAlarmsResponse();
        response.Alarms.AddRange(Site.ListAlarms().Select(AgentMapper.ToMessage));
        return Task.FromResult(response);
    }

    [Authorize(Policy = AdminRoles.Admin)]
    public override async Task<V1.ApplyNetworkChangeResponse> ApplyNetworkChange(V1.ApplyNetworkChangeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var steps = request.Steps.Select(AgentMapper.ToStep).ToArray();
        return AgentMapper.ToMessage(await Site.ApplyNetworkChangeAsync(request.OperationId, steps, request.DryRun, context.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>Site events after the requested sequence, then live ones, until the caller leaves or the process stops.</summary>
    [Authorize(Policy = AdminRoles.Reader)]
    public override async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.SiteEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var manager = Site;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        logger.WatchStarted(context.Peer, request.AfterSequence);
        long sent = 0;
        try
        {
            await foreach (var item in manager.Events.WatchAsync(request.AfterSequence, watch.Token).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(AgentMapper.ToMessage(item), watch.Token).ConfigureAwait(false);
                sent++;
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // The process is stopping: the stream ends with OK and the caller watches again after the restart.
        }
        finally
        {
            logger.WatchEnded(context.Peer, sent);
        }
    }

    /// <summary>The leadership GetSite reports: the agent's recorded leader; none for the controller's own site.</summary>
    protected virtual V1.Leadership CurrentLeadership() => new();

    /// <summary>host-lock, host-unlock, host-swact: accepted (the action runs on), answered with the host as it now is.</summary>
    protected async Task<V1.HostActionResponse> HostActionAsync(V1.HostAction action, V1.HostActionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var manager = Site;
        var host = Required(request.Host, "host", "H-1");
        var operationId = string.IsNullOrWhiteSpace(request.OperationId) ? null : request.OperationId;
        var cancellationToken = context.CancellationToken;
        var ticket = action switch
        {
            V1.HostAction.Lock => await manager.LockHostAsync(host, request.Force, operationId, cancellationToken).ConfigureAwait(false),
            V1.HostAction.Unlock => await manager.UnlockHostAsync(host, request.Force, operationId, cancellationToken).ConfigureAwait(false),
            V1.HostAction.Swact => await manager.SwactHostAsync(host, request.Force, operationId, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        };
        return AgentMapper.ToMessage(ticket, manager.ShowHost(ticket.Accepted.HostName));
    }

    private static string Required(string value, string field, string rule) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new DomainException(new DomainError(rule, field, $"'{field}' is empty; give a name or uuid"))
            : value;
}
