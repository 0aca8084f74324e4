using System.Runtime.CompilerServices;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Controller.V1;
using ListAlarmsRequest = DistributedCloud.Contracts.Controller.V1.ListAlarmsRequest;
using ListAlarmsResponse = DistributedCloud.Contracts.Controller.V1.ListAlarmsResponse;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// A site reached through the system controller's admin API: the controller's own site, or with
/// <c>--subcloud NAME</c> a subcloud whose agent the controller calls on dcctl's behalf (D-25).
/// </summary>
public sealed class ControllerSitePlatform : ISitePlatform
{
    private readonly ControllerClient _controller;
    private readonly string? _subcloud;

    public ControllerSitePlatform(ControllerClient controller, string? subcloud)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _subcloud = string.IsNullOrWhiteSpace(subcloud) ? null : subcloud.Trim();
    }

    public string Describe => _subcloud is null ? $"{_controller.Describe} (its own site)" : $"subcloud {_subcloud} through {_controller.Describe}";

    /// <summary>The controller's own site is the unset target (controller.proto); a subcloud is named.</summary>
    public SiteTarget? Target => _subcloud is null ? null : new SiteTarget { Subcloud = _subcloud };

    public Task<Site> GetSiteAsync(CancellationToken cancellationToken) =>
        Call<SiteGetSiteRequest, Site>("GetSite", new SiteGetSiteRequest { Target = Target, Request = new() }, cancellationToken);

    public async Task<IReadOnlyList<Network>> ListNetworksAsync(CancellationToken cancellationToken) =>
        (await Call<SiteListNetworksRequest, ListNetworksResponse>("ListNetworks",
            new SiteListNetworksRequest { Target = Target, Request = new() }, cancellationToken)).Networks;

    public async Task<IReadOnlyList<NetworkAddressPool>> ListNetworkAddressPoolsAsync(CancellationToken cancellationToken) =>
        (await Call<SiteListNetworkAddressPoolsRequest, ListNetworkAddressPoolsResponse>("ListNetworkAddressPools",
            new SiteListNetworkAddressPoolsRequest { Target = Target, Request = new() }, cancellationToken)).NetworkAddressPools;

    public async Task<IReadOnlyList<AddressPool>> ListAddressPoolsAsync(CancellationToken cancellationToken) =>
        (await Call<SiteListAddressPoolsRequest, ListAddressPoolsResponse>("ListAddressPools",
            new SiteListAddressPoolsRequest { Target = Target, Request = new() }, cancellationToken)).Pools;

    public Task<AddressPool> ShowAddressPoolAsync(string pool, CancellationToken cancellationToken) =>
        Call<SiteShowAddressPoolRequest, AddressPool>("ShowAddressPool",
            new SiteShowAddressPoolRequest { Target = Target, Request = new ShowAddressPoolRequest { Pool = pool } }, cancellationToken);

    public Task<AddressPool> AddAddressPoolAsync(AddAddressPoolRequest request, CancellationToken cancellationToken) =>
        Call<SiteAddAddressPoolRequest, AddressPool>("AddAddressPool", new SiteAddAddressPoolRequest { Target = Target, Request = request }, cancellationToken);

    public Task<AddressPool> ModifyAddressPoolAsync(ModifyAddressPoolRequest request, CancellationToken cancellationToken) =>
        Call<SiteModifyAddressPoolRequest, AddressPool>("ModifyAddressPool", new SiteModifyAddressPoolRequest { Target = Target, Request = request }, cancellationToken);

    public async Task<string> DeleteAddressPoolAsync(string pool, CancellationToken cancellationToken) =>
        (await Call<SiteDeleteAddressPoolRequest, DeleteAddressPoolResponse>("DeleteAddressPool",
            new SiteDeleteAddressPoolRequest { Target = Target, Request = new DeleteAddressPoolRequest { Pool = pool } }, cancellationToken)).Uuid;

    public Task<NetworkAddressPool> AssignNetworkAddressPoolAsync(string network, string pool, CancellationToken cancellationToken) =>
        Call<SiteAssignNetworkAddressPoolRequest, NetworkAddressPool>("AssignNetworkAddressPool", new SiteAssignNetworkAddressPoolRequest
        {
            Target = Target,
            Request = new AssignNetworkAddressPoolRequest { Network = network, Pool = pool },
        }, cancellationToken);

    public async Task<string> RemoveNetworkAddressPoolAsync(string uuid, CancellationToken cancellationToken) =>
        (await Call<SiteRemoveNetworkAddressPoolRequest, RemoveNetworkAddressPoolResponse>("RemoveNetworkAddressPool",
            new SiteRemoveNetworkAddressPoolRequest { Target = Target, Request = new RemoveNetworkAddressPoolRequest { Uuid = uuid } }, cancellationToken)).Uuid;

    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken) =>
        (await Call<SiteListHostsRequest, ListHostsResponse>("ListHosts", new SiteListHostsRequest { Target = Target, Request = new() }, cancellationToken)).Hosts;

    public Task<Host> ShowHostAsync(string host, CancellationToken cancellationToken) =>
        Call<SiteShowHostRequest, Host>("ShowHost", new SiteShowHostRequest { Target = Target, Request = new ShowHostRequest { Host = host } }, cancellationToken);

    public Task<HostActionResponse> HostActionAsync(HostAction action, HostActionRequest request, CancellationToken cancellationToken) =>
        Call<SiteHostActionRequest, HostActionResponse>(action switch
        {
            HostAction.Lock => "LockHost",
            HostAction.Unlock => "UnlockHost",
            HostAction.Swact => "SwactHost",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        }, new SiteHostActionRequest { Target = Target, Request = request }, cancellationToken);

    /// <summary>The site's events; for a subcloud the controller relays its agent's stream.</summary>
    public async IAsyncEnumerable<SiteEvent> WatchEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var siteEvent in _controller.StreamAsync<SiteWatchEventsRequest, SiteEvent>("WatchSiteEvents",
            new SiteWatchEventsRequest { Target = Target, Request = new() }, cancellationToken))
        {
            yield return siteEvent;
        }
    }

    public async Task<IReadOnlyList<Alarm>> ListAlarmsAsync(CancellationToken cancellationToken) =>
        (await ListAlarmsWithSummariesAsync(cancellationToken)).Alarms;

    /// <summary>The site's alarms; for the controller's own site also one summary per subcloud (H-15).</summary>
    public Task<ListAlarmsResponse> ListAlarmsWithSummariesAsync(CancellationToken cancellationToken) =>
        Call<ListAlarmsRequest, ListAlarmsResponse>("ListAlarms", new ListAlarmsRequest { Target = Target }, cancellationToken);

    public void Dispose() => _controller.Dispose();

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        _controller.CallAsync<TRequest, TResponse>(method, request, cancellationToken);
}
