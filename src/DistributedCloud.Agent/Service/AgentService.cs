using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Site;
using DistributedCloud.Site.Hosting.Service;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Agent.Service;

/// <summary>
/// distributedcloud.agent.v1.SubcloudAgent over the site: each method hands its request to <see cref="SiteCalls"/>
/// (shared with the controller's own site), refusals as <see cref="DomainException"/> (mapped to gRPC statuses by the
/// wire layer), fencing in <see cref="FencingFilter"/> before any of this runs.
/// </summary>
public sealed class AgentService(
    HostedSite site,
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
        return Task.FromResult(SiteCalls.GetSite(Site, context.ArrivalFamily, context.LocalAddress?.ToString(),
            context.RemoteAddress?.ToString(), new V1.Leadership { ControllerId = current.ControllerId, Epoch = current.Epoch }));
    }

    public Task<V1.ListAddressPoolsResponse> ListAddressPools(V1.ListAddressPoolsRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ListAddressPools(Site));

    public Task<V1.AddressPool> ShowAddressPool(V1.ShowAddressPoolRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ShowAddressPool(Site, request));

    public Task<V1.AddressPool> AddAddressPool(V1.AddAddressPoolRequest request, ServerCallContext context) =>
        SiteCalls.AddAddressPoolAsync(Site, request, Token(context));

    public Task<V1.AddressPool> ModifyAddressPool(V1.ModifyAddressPoolRequest request, ServerCallContext context) =>
        SiteCalls.ModifyAddressPoolAsync(Site, request, Token(context));

    public Task<V1.DeleteAddressPoolResponse> DeleteAddressPool(V1.DeleteAddressPoolRequest request, ServerCallContext context) =>
        SiteCalls.DeleteAddressPoolAsync(Site, request, Token(context));

    public Task<V1.ListNetworksResponse> ListNetworks(V1.ListNetworksRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ListNetworks(Site));

    public Task<V1.ListNetworkAddressPoolsResponse> ListNetworkAddressPools(V1.ListNetworkAddressPoolsRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ListNetworkAddressPools(Site));

    public Task<V1.NetworkAddressPool> AssignNetworkAddressPool(V1.AssignNetworkAddressPoolRequest request, ServerCallContext context) =>
        SiteCalls.AssignNetworkAddressPoolAsync(Site, request, Token(context));

    public Task<V1.RemoveNetworkAddressPoolResponse> RemoveNetworkAddressPool(V1.RemoveNetworkAddressPoolRequest request, ServerCallContext context) =>
        SiteCalls.RemoveNetworkAddressPoolAsync(Site, request, Token(context));

    public Task<V1.ListHostsResponse> ListHosts(V1.ListHostsRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ListHosts(Site));

    public Task<V1.Host> ShowHost(V1.ShowHostRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ShowHost(Site, request));

    public Task<V1.HostActionResponse> LockHost(V1.HostActionRequest request, ServerCallContext context) =>
        SiteCalls.HostActionAsync(Site, V1.HostAction.Lock, request, Token(context));

    public Task<V1.HostActionResponse> UnlockHost(V1.HostActionRequest request, ServerCallContext context) =>
        SiteCalls.HostActionAsync(Site, V1.HostAction.Unlock, request, Token(context));

    public Task<V1.HostActionResponse> SwactHost(V1.HostActionRequest request, ServerCallContext context) =>
        SiteCalls.HostActionAsync(Site, V1.HostAction.Swact, request, Token(context));

    public Task<V1.ListAlarmsResponse> ListAlarms(V1.ListAlarmsRequest request, ServerCallContext context) =>
        Task.FromResult(SiteCalls.ListAlarms(Site));

    public Task<V1.ApplyNetworkChangeResponse> ApplyNetworkChange(V1.ApplyNetworkChangeRequest request, ServerCallContext context) =>
        SiteCalls.ApplyNetworkChangeAsync(Site, request, Token(context));

    /// <summary>Site events after the requested sequence, then live ones, until the caller leaves or the agent stops.</summary>
    public async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.SiteEvent> responses, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(context);
        var manager = Site;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        telemetry.Watchers.Add(1);
        logger.WatchStarted(context.Peer, request.AfterSequence);
        long sent = 0;
        try
        {
            await foreach (var item in SiteCalls.WatchEventsAsync(manager, request, watch.Token))
            {
                await responses.WriteAsync(item, watch.Token);
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

    private static CancellationToken Token(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CancellationToken;
    }
}
