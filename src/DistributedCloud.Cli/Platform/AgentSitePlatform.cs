using System.Runtime.CompilerServices;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Client;
using DistributedCloud.Rpc.Fencing;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DistributedCloud.Cli.Platform;

/// <summary>A subcloud agent reached directly over gRPC (<c>dcctl --agent URL</c>).</summary>
public sealed class AgentSitePlatform : ISitePlatform
{
    /// <summary>
    /// dcctl speaks as an operator at epoch 0: agents accept it while no controller has claimed a higher leadership
    /// epoch (architecture decision 4).
    /// </summary>
    public static readonly FencingToken OperatorToken = new("dcctl", 0);

    private static readonly ServiceDescriptor Service = AgentReflection.Descriptor.Services[0];

    private readonly RpcChannel _channel;
    private readonly TimeSpan _timeout;

    public AgentSitePlatform(string address, TimeSpan timeout)
    {
        _timeout = timeout;
        _channel = RpcChannel.Create(new RpcChannelOptions
        {
            Address = address,
            DefaultTimeout = timeout,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, timeout.TotalSeconds)),
        });
        Describe = $"agent {address}";
    }

    public string Describe { get; }

    public async Task<Site> GetSiteAsync(CancellationToken cancellationToken) =>
        await CallAsync<GetSiteRequest, Site>("GetSite", new GetSiteRequest(), cancellationToken);

    public async Task<IReadOnlyList<Network>> ListNetworksAsync(CancellationToken cancellationToken) =>
        (await CallAsync<ListNetworksRequest, ListNetworksResponse>("ListNetworks", new ListNetworksRequest(), cancellationToken)).Networks;

    public async Task<IReadOnlyList<NetworkAddressPool>> ListNetworkAddressPoolsAsync(CancellationToken cancellationToken) =>
        (await CallAsync<ListNetworkAddressPoolsRequest, ListNetworkAddressPoolsResponse>("ListNetworkAddressPools", new ListNetworkAddressPoolsRequest(), cancellationToken)).NetworkAddressPools;

    public async Task<IReadOnlyList<AddressPool>> ListAddressPoolsAsync(CancellationToken cancellationToken) =>
        (await CallAsync<ListAddressPoolsRequest, ListAddressPoolsResponse>("ListAddressPools", new ListAddressPoolsRequest(), cancellationToken)).Pools;

    public Task<AddressPool> ShowAddressPoolAsync(string pool, CancellationToken cancellationToken) =>
        CallAsync<ShowAddressPoolRequest, AddressPool>("ShowAddressPool", new ShowAddressPoolRequest { Pool = pool }, cancellationToken);

    public Task<AddressPool> AddAddressPoolAsync(AddAddressPoolRequest request, CancellationToken cancellationToken) =>
        CallAsync<AddAddressPoolRequest, AddressPool>("AddAddressPool", request, cancellationToken);

    public Task<AddressPool> ModifyAddressPoolAsync(ModifyAddressPoolRequest request, CancellationToken cancellationToken) =>
        CallAsync<ModifyAddressPoolRequest, AddressPool>("ModifyAddressPool", request, cancellationToken);

    public async Task<string> DeleteAddressPoolAsync(string pool, CancellationToken cancellationToken) =>
        (await CallAsync<DeleteAddressPoolRequest, DeleteAddressPoolResponse>("DeleteAddressPool", new DeleteAddressPoolRequest { Pool = pool }, cancellationToken)).Uuid;

    public Task<NetworkAddressPool> AssignNetworkAddressPoolAsync(string network, string pool, CancellationToken cancellationToken) =>
        CallAsync<AssignNetworkAddressPoolRequest, NetworkAddressPool>("AssignNetworkAddressPool",
            new AssignNetworkAddressPoolRequest { Network = network, Pool = pool }, cancellationToken);

    public async Task<string> RemoveNetworkAddressPoolAsync(string uuid, CancellationToken cancellationToken) =>
        (await CallAsync<RemoveNetworkAddressPoolRequest, RemoveNetworkAddressPoolResponse>("RemoveNetworkAddressPool",
            new RemoveNetworkAddressPoolRequest { Uuid = uuid }, cancellationToken)).Uuid;

    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken) =>
        (await CallAsync<ListHostsRequest, ListHostsResponse>("ListHosts", new ListHostsRequest(), cancellationToken)).Hosts;

    public Task<Host> ShowHostAsync(string host, CancellationToken cancellationToken) =>
        CallAsync<ShowHostRequest, Host>("ShowHost", new ShowHostRequest { Host = host }, cancellationToken);

    public Task<HostActionResponse> HostActionAsync(HostAction action, HostActionRequest request, CancellationToken cancellationToken) =>
        CallAsync<HostActionRequest, HostActionResponse>(action switch
        {
            HostAction.Lock => "LockHost",
            HostAction.Unlock => "UnlockHost",
            HostAction.Swact => "SwactHost",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        }, request, cancellationToken);

    public async IAsyncEnumerable<SiteEvent> WatchEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var method = RpcMethod<WatchEventsRequest, SiteEvent>.From(Service, "WatchEvents");

        // A watch lasts as long as the caller waits: no deadline of its own, only the caller's cancellation.
        using var call = _channel.ServerStreaming(method, new WatchEventsRequest(), new CallOptions
        {
            Fencing = OperatorToken,
            Timeout = TimeSpan.FromDays(1),
            CancellationToken = cancellationToken,
        });
        await foreach (var siteEvent in call.ReadAllAsync(cancellationToken))
        {
            yield return siteEvent;
        }
    }

    public async Task<IReadOnlyList<Alarm>> ListAlarmsAsync(CancellationToken cancellationToken) =>
        (await CallAsync<ListAlarmsRequest, ListAlarmsResponse>("ListAlarms", new ListAlarmsRequest(), cancellationToken)).Alarms;

    public void Dispose() => _channel.Dispose();

    private Task<TResponse> CallAsync<TRequest, TResponse>(string name, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _channel.UnaryAsync(RpcMethod<TRequest, TResponse>.From(Service, name), request, new CallOptions
        {
            Fencing = OperatorToken,
            Timeout = _timeout,
            CancellationToken = cancellationToken,
        });
}
