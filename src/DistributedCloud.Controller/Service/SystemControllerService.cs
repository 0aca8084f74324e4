using DistributedCloud.Controller.Audit;
using DistributedCloud.Controller.Hosting;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Site;
using DistributedCloud.Site.Hosting.Service;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.Extensions.Hosting;
using Api = DistributedCloud.Contracts.Controller.V1;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Controller.Service;

/// <summary>
/// distributedcloud.controller.v1.SystemController, thin: platform calls go to the own site (the agent's
/// <see cref="SiteCalls"/>) or, for a subcloud target, to its agent (<see cref="SubcloudProxy"/>); subclouds, groups
/// and strategies go to the core's services. Refusals are <c>DomainException</c>s, mapped by the wire layer in one place.
/// </summary>
public sealed class SystemControllerService(
    HostedSite site,
    ControllerStore store,
    SubcloudProxy proxy,
    SubcloudHostActions hostActions,
    AuditLoop audits,
    IHostApplicationLifetime lifetime)
{
    // ---- platform calls on a site ----

    public Task<V1.Site> GetSite(Api.SiteGetSiteRequest request, ServerCallContext context) =>
        OnSite(request.Target, "GetSite", request.Request, context,
            own => SiteCalls.GetSite(own, context.ArrivalFamily, context.LocalAddress?.ToString(), context.RemoteAddress?.ToString(), new V1.Leadership()));

    public Task<V1.ListAddressPoolsResponse> ListAddressPools(Api.SiteListAddressPoolsRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ListAddressPools", request.Request, context, SiteCalls.ListAddressPools);

    public Task<V1.AddressPool> ShowAddressPool(Api.SiteShowAddressPoolRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ShowAddressPool", request.Request, context, own => SiteCalls.ShowAddressPool(own, request.Request ?? new()));

    public Task<V1.AddressPool> AddAddressPool(Api.SiteAddAddressPoolRequest request, ServerCallContext context) =>
        OnSite(request.Target, "AddAddressPool", request.Request, context, own => SiteCalls.AddAddressPoolAsync(own, request.Request ?? new(), context.CancellationToken));

    public Task<V1.AddressPool> ModifyAddressPool(Api.SiteModifyAddressPoolRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ModifyAddressPool", request.Request, context, own => SiteCalls.ModifyAddressPoolAsync(own, request.Request ?? new(), context.CancellationToken));

    public Task<V1.DeleteAddressPoolResponse> DeleteAddressPool(Api.SiteDeleteAddressPoolRequest request, ServerCallContext context) =>
        OnSite(request.Target, "DeleteAddressPool", request.Request, context, own => SiteCalls.DeleteAddressPoolAsync(own, request.Request ?? new(), context.CancellationToken));

    public Task<V1.ListNetworksResponse> ListNetworks(Api.SiteListNetworksRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ListNetworks", request.Request, context, SiteCalls.ListNetworks);

    public Task<V1.ListNetworkAddressPoolsResponse> ListNetworkAddressPools(Api.SiteListNetworkAddressPoolsRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ListNetworkAddressPools", request.Request, context, SiteCalls.ListNetworkAddressPools);

    public Task<V1.NetworkAddressPool> AssignNetworkAddressPool(Api.SiteAssignNetworkAddressPoolRequest request, ServerCallContext context) =>
        OnSite(request.Target, "AssignNetworkAddressPool", request.Request, context, own => SiteCalls.AssignNetworkAddressPoolAsync(own, request.Request ?? new(), context.CancellationToken));

    public Task<V1.RemoveNetworkAddressPoolResponse> RemoveNetworkAddressPool(Api.SiteRemoveNetworkAddressPoolRequest request, ServerCallContext context) =>
        OnSite(request.Target, "RemoveNetworkAddressPool", request.Request, context, own => SiteCalls.RemoveNetworkAddressPoolAsync(own, request.Request ?? new(), context.CancellationToken));

    public Task<V1.ListHostsResponse> ListHosts(Api.SiteListHostsRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ListHosts", request.Request, context, SiteCalls.ListHosts);

    public Task<V1.Host> ShowHost(Api.SiteShowHostRequest request, ServerCallContext context) =>
        OnSite(request.Target, "ShowHost", request.Request, context, own => SiteCalls.ShowHost(own, request.Request ?? new()));

    // Host actions on a subcloud run as workflows on the bus (D-19); on the own site they go to its host driver.
    public Task<V1.HostActionResponse> LockHost(Api.SiteHostActionRequest request, ServerCallContext context) =>
        HostActionAsync(request, V1.HostAction.Lock, context);

    public Task<V1.HostActionResponse> UnlockHost(Api.SiteHostActionRequest request, ServerCallContext context) =>
        HostActionAsync(request, V1.HostAction.Unlock, context);

    public Task<V1.HostActionResponse> SwactHost(Api.SiteHostActionRequest request, ServerCallContext context) =>
        HostActionAsync(request, V1.HostAction.Swact, context);

    /// <summary>The own site's events as the agent streams them, or a subcloud agent's stream relayed.</summary>
    public async Task WatchSiteEvents(Api.SiteWatchEventsRequest request, IServerStreamWriter<V1.SiteEvent> responses, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(context);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var events = SubcloudOf(request.Target) is { } subcloud
            ? proxy.WatchEventsAsync(subcloud, request.Request ?? new(), watch.Token)
            : SiteCalls.WatchEventsAsync(site.Manager, request.Request ?? new(), watch.Token);
        try
        {
            await foreach (var item in events)
            {
                await responses.WriteAsync(item, watch.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // The controller is stopping: the stream ends with OK and the caller watches again after the restart.
        }
    }

    // ---- alarms ----

    /// <summary>No target: the controller's 280.x alarms, the own site's alarms and a per-subcloud summary; a subcloud: its 280.x alarms and its agent's.</summary>
    public async Task<Api.ListAlarmsResponse> ListAlarms(Api.ListAlarmsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var controllerAlarms = (await store.Registry.ListAlarmsAsync(context.CancellationToken)).Select(ControllerMapper.ToMessage).ToArray();
        var response = new Api.ListAlarmsResponse();
        if (SubcloudOf(request.Target) is { } subcloud)
        {
            var subcloudRecord = await store.Registry.GetAsync(subcloud, context.CancellationToken);
            var entity = Core.Alarms.SubcloudAlarmIds.Entity(subcloudRecord.Name);
            response.Alarms.AddRange(controllerAlarms.Where(a => a.EntityInstanceId == entity));
            if (subcloudRecord.Availability == Core.Subclouds.SubcloudAvailability.Online)
            {
                var agentAlarms = await proxy.CallAsync<V1.ListAlarmsRequest, V1.ListAlarmsResponse>(subcloud, "ListAlarms", new V1.ListAlarmsRequest(), context.CancellationToken);
                response.Alarms.AddRange(agentAlarms.Alarms);
            }

            return response;
        }

        response.Alarms.AddRange(controllerAlarms);
        response.Alarms.AddRange(SiteCalls.ListAlarms(site.Manager).Alarms);
        response.SubcloudSummaries.AddRange(ControllerMapper.Summaries(controllerAlarms));
        return response;
    }

    // ---- subclouds (D-1..D-4) ----

    /// <summary>D-2: every rule checked before anything is stored; then an audit at once fills in availability and deploy status.</summary>
    public async Task<Api.Subcloud> AddSubcloud(Api.AddSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var added = await store.Registry.AddAsync(ControllerMapper.ToAddRequest(request), context.CancellationToken);
        audits.AuditNow(added.Name);
        return ControllerMapper.ToMessage(added);
    }

    public async Task<Api.ListSubcloudsResponse> ListSubclouds(Api.ListSubcloudsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = new Api.ListSubcloudsResponse();
        response.Subclouds.AddRange((await store.Registry.ListAsync(context.CancellationToken)).Select(ControllerMapper.ToMessage));
        return response;
    }

    public async Task<Api.Subcloud> GetSubcloud(Api.GetSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await store.Registry.GetAsync(request.Name, context.CancellationToken));
    }

    public async Task<Api.Subcloud> ManageSubcloud(Api.ManageSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var managed = await store.Registry.ManageAsync(request.Name, request.Force, context.CancellationToken);
        audits.AuditNow(managed.Name);
        return ControllerMapper.ToMessage(managed);
    }

    public async Task<Api.Subcloud> UnmanageSubcloud(Api.UnmanageSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await store.Registry.UnmanageAsync(request.Name, context.CancellationToken));
    }

    public async Task<Api.DeleteSubcloudResponse> DeleteSubcloud(Api.DeleteSubcloudRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await store.Registry.DeleteAsync(request.Name, request.Force, context.CancellationToken);
        return new Api.DeleteSubcloudResponse { Name = request.Name };
    }

    // ---- subcloud groups (D-10) ----

    public async Task<Api.SubcloudGroup> AddSubcloudGroup(Api.AddSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await store.Registry.AddGroupAsync(request.Name, string.IsNullOrEmpty(request.Description) ? null : request.Description,
            ControllerMapper.ToApplyType(request.UpdateApplyType, Core.Groups.ApplyType.Parallel),
            request.MaxParallelSubclouds == 0 ? null : (int)request.MaxParallelSubclouds, context.CancellationToken);
        return ControllerMapper.ToMessage(group, []);
    }

    public async Task<Api.ListSubcloudGroupsResponse> ListSubcloudGroups(Api.ListSubcloudGroupsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subclouds = await store.Registry.ListAsync(context.CancellationToken);
        var response = new Api.ListSubcloudGroupsResponse();
        response.Groups.AddRange((await store.Registry.ListGroupsAsync(context.CancellationToken))
            .Select(g => ControllerMapper.ToMessage(g, subclouds.Where(s => s.Group == g.Name).Select(s => s.Name))));
        return response;
    }

    public async Task<Api.SubcloudGroup> GetSubcloudGroup(Api.GetSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await store.Registry.GetGroupAsync(request.Name, context.CancellationToken);
        return ControllerMapper.ToMessage(group, await store.Registry.GroupMembersAsync(group.Name, context.CancellationToken));
    }

    public async Task<Api.SubcloudGroup> UpdateSubcloudGroup(Api.UpdateSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await store.Registry.UpdateGroupAsync(request.Group, ControllerMapper.ToChanges(request), context.CancellationToken);
        return ControllerMapper.ToMessage(group, await store.Registry.GroupMembersAsync(group.Name, context.CancellationToken));
    }

    public async Task<Api.DeleteSubcloudGroupResponse> DeleteSubcloudGroup(Api.DeleteSubcloudGroupRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var group = await store.Registry.GetGroupAsync(request.Group, context.CancellationToken);
        await store.Registry.DeleteGroupAsync(request.Group, context.CancellationToken);
        return new Api.DeleteSubcloudGroupResponse { Name = group.Name };
    }

    // ---- strategies (D-11..D-18) ----

    public async Task<Api.Strategy> CreateStrategy(Api.CreateStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await store.Strategies.CreateAsync(ControllerMapper.ToParameters(request), context.CancellationToken));
    }

    public async Task<Api.Strategy> GetStrategy(Api.GetStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await CurrentStrategyAsync(context.CancellationToken), request.Details);
    }

    public async Task<Api.Strategy> ApplyStrategy(Api.ApplyStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await store.Strategies.ApplyAsync(context.CancellationToken));
    }

    public async Task<Api.Strategy> AbortStrategy(Api.AbortStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ControllerMapper.ToMessage(await store.Strategies.AbortAsync(context.CancellationToken));
    }

    public async Task<Api.DeleteStrategyResponse> DeleteStrategy(Api.DeleteStrategyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await store.Strategies.DeleteAsync(context.CancellationToken);
        return new Api.DeleteStrategyResponse();
    }

    /// <summary>The strategy now, then each time it changes (woken by the service's change event), until a final state.</summary>
    public async Task WatchStrategy(Api.WatchStrategyRequest request, IServerStreamWriter<Api.Strategy> responses, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(context);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        using var changes = new StrategyChanges(store.Strategies);
        Api.Strategy? last = null;
        while (true)
        {
            var strategy = await CurrentStrategyAsync(watch.Token);
            var message = ControllerMapper.ToMessage(strategy);
            if (!message.Equals(last))
            {
                await responses.WriteAsync(message, watch.Token);
                last = message;
            }

            if (strategy.IsTerminal)
            {
                return;
            }

            try
            {
                await changes.WaitAsync(watch.Token);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<Core.Strategies.Strategy> CurrentStrategyAsync(CancellationToken cancellationToken) =>
        await store.Strategies.GetAsync(cancellationToken)
            ?? throw new Networking.Errors.DomainException(new Networking.Errors.DomainError("D-11", "strategy",
                "there is no strategy; create one with 'strategy create network-mode'", Networking.Errors.ErrorKind.NotFound));

    private static string? SubcloudOf(Api.SiteTarget? target) =>
        target is { TargetCase: Api.SiteTarget.TargetOneofCase.Subcloud, Subcloud.Length: > 0 } ? target.Subcloud : null;

    private Task<V1.HostActionResponse> HostActionAsync(Api.SiteHostActionRequest request, V1.HostAction action, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actionRequest = request.Request ?? new V1.HostActionRequest();
        return SubcloudOf(request.Target) is { } subcloud
            ? hostActions.RunAsync(subcloud, action, actionRequest, context.CancellationToken)
            : SiteCalls.HostActionAsync(site.Manager, action, actionRequest, context.CancellationToken);
    }

    private Task<TResponse> OnSite<TRequest, TResponse>(Api.SiteTarget? target, string method, TRequest? request, ServerCallContext context, Func<SiteManager, TResponse> own)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        OnSite(target, method, request, context, manager => Task.FromResult(own(manager)));

    private Task<TResponse> OnSite<TRequest, TResponse>(Api.SiteTarget? target, string method, TRequest? request, ServerCallContext context, Func<SiteManager, Task<TResponse>> own)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(context);
        return SubcloudOf(target) is { } subcloud
            ? proxy.CallAsync<TRequest, TResponse>(subcloud, method, request ?? new TRequest(), context.CancellationToken)
            : own(site.Manager);
    }
}
