using System.Runtime.CompilerServices;
using DistributedCloud.Networking.Addressing;
using DistributedCloud.Networking.Errors;
using V1 = DistributedCloud.Contracts.Agent.V1;

namespace DistributedCloud.Site.Hosting.Service;

/// <summary>
/// The SubcloudAgent calls on an open site, one line of work each (the mapping in <see cref="AgentMapper"/>, refusals
/// as <see cref="DomainException"/>): the agent serves them for its site, the system controller for its own.
/// </summary>
public static class SiteCalls
{
    public static V1.Site GetSite(SiteManager site, IpFamily? arrivalFamily, string? localAddress, string? peerAddress, V1.Leadership leadership)
    {
        ArgumentNullException.ThrowIfNull(site);
        return AgentMapper.ToMessage(site.GetSite(), arrivalFamily, localAddress, peerAddress, leadership);
    }

    public static V1.ListAddressPoolsResponse ListAddressPools(SiteManager site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var response = new V1.ListAddressPoolsResponse();
        response.Pools.AddRange(site.ListPools().Select(AgentMapper.ToMessage));
        return response;
    }

    public static V1.AddressPool ShowAddressPool(SiteManager site, V1.ShowAddressPoolRequest request)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        return AgentMapper.ToMessage(site.ShowPool(Required(request.Pool, "pool", "N-4")));
    }

    public static async Task<V1.AddressPool> AddAddressPoolAsync(SiteManager site, V1.AddAddressPoolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        return AgentMapper.ToMessage(await site.AddPoolAsync(AgentMapper.ToSpec(request), cancellationToken).ConfigureAwait(false));
    }

    public static async Task<V1.AddressPool> ModifyAddressPoolAsync(SiteManager site, V1.ModifyAddressPoolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await site.ModifyPoolAsync(Required(request.Pool, "pool", "N-4"), AgentMapper.ToChanges(request), cancellationToken).ConfigureAwait(false);
        return AgentMapper.ToMessage(outcome.Pool);
    }

    public static async Task<V1.DeleteAddressPoolResponse> DeleteAddressPoolAsync(SiteManager site, V1.DeleteAddressPoolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await site.DeletePoolAsync(Required(request.Pool, "pool", "N-4"), cancellationToken).ConfigureAwait(false);
        return new V1.DeleteAddressPoolResponse { Uuid = outcome.Pool.Uuid.ToString() };
    }

    public static V1.ListNetworksResponse ListNetworks(SiteManager site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var response = new V1.ListNetworksResponse();
        response.Networks.AddRange(site.ListNetworks().Select(AgentMapper.ToMessage));
        return response;
    }

    public static V1.ListNetworkAddressPoolsResponse ListNetworkAddressPools(SiteManager site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var response = new V1.ListNetworkAddressPoolsResponse();
        response.NetworkAddressPools.AddRange(site.ListNetworkPools().Select(AgentMapper.ToMessage));
        return response;
    }

    public static async Task<V1.NetworkAddressPool> AssignNetworkAddressPoolAsync(SiteManager site, V1.AssignNetworkAddressPoolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await site.AssignPoolAsync(request.Network, request.Pool, cancellationToken).ConfigureAwait(false);
        return AgentMapper.ToMessage(outcome.Assignment);
    }

    public static async Task<V1.RemoveNetworkAddressPoolResponse> RemoveNetworkAddressPoolAsync(SiteManager site, V1.RemoveNetworkAddressPoolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await site.RemoveAssignmentAsync(Required(request.Uuid, "uuid", "N-19"), cancellationToken).ConfigureAwait(false);
        return new V1.RemoveNetworkAddressPoolResponse { Uuid = outcome.Assignment.Uuid.ToString() };
    }

    public static V1.ListHostsResponse ListHosts(SiteManager site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var response = new V1.ListHostsResponse();
        response.Hosts.AddRange(site.ListHosts().Select(AgentMapper.ToMessage));
        return response;
    }

    public static V1.Host ShowHost(SiteManager site, V1.ShowHostRequest request)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        return AgentMapper.ToMessage(site.ShowHost(Required(request.Host, "host", "H-1")));
    }

    /// <summary>host-lock, host-unlock, host-swact: accepted (the action runs on), answered with the host as it now is.</summary>
    public static async Task<V1.HostActionResponse> HostActionAsync(SiteManager site, V1.HostAction action, V1.HostActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var host = Required(request.Host, "host", "H-1");
        var operationId = string.IsNullOrWhiteSpace(request.OperationId) ? null : request.OperationId;
        var ticket = action switch
        {
            V1.HostAction.Lock => await site.LockHostAsync(host, request.Force, operationId, cancellationToken).ConfigureAwait(false),
            V1.HostAction.Unlock => await site.UnlockHostAsync(host, request.Force, operationId, cancellationToken).ConfigureAwait(false),
            V1.HostAction.Swact => await site.SwactHostAsync(host, request.Force, operationId, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        };
        return AgentMapper.ToMessage(ticket, site.ShowHost(ticket.Accepted.HostName));
    }

    public static V1.ListAlarmsResponse ListAlarms(SiteManager site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var response = new V1.ListAlarmsResponse();
        response.Alarms.AddRange(site.ListAlarms().Select(AgentMapper.ToMessage));
        return response;
    }

    public static async Task<V1.ApplyNetworkChangeResponse> ApplyNetworkChangeAsync(SiteManager site, V1.ApplyNetworkChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var steps = request.Steps.Select(AgentMapper.ToStep).ToArray();
        var outcome = await site.ApplyNetworkChangeAsync(request.OperationId, steps, request.DryRun, cancellationToken).ConfigureAwait(false);
        return AgentMapper.ToMessage(outcome);
    }

    /// <summary>Site events after the requested sequence, then live ones, until the token ends the watch.</summary>
    public static async IAsyncEnumerable<V1.SiteEvent> WatchEventsAsync(SiteManager site, V1.WatchEventsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        await foreach (var item in site.Events.WatchAsync(request.AfterSequence, cancellationToken).ConfigureAwait(false))
        {
            yield return AgentMapper.ToMessage(item);
        }
    }

    private static string Required(string value, string field, string rule) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new DomainException(new DomainError(rule, field, $"'{field}' is empty; give a name or uuid"))
            : value;
}
