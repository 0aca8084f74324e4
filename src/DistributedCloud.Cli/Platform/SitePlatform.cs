using System.Runtime.CompilerServices;
using DistributedCloud.Cli.Access;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Fencing;
using DistributedCloud.Contracts.Routing;
using Grpc.Core;
using Grpc.Net.Client;
using Api = DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Platform;

/// <summary>
/// The platform API of one site as dcctl uses it: <c>distributedcloud.agent.v1.SubcloudAgent</c> through the generated
/// client, either on a subcloud's agent (<c>--agent URL</c>) or on the system controller, which answers for its own
/// site or, with <c>--subcloud NAME</c> sent as <c>dc-subcloud</c> metadata, forwards the call to that subcloud's agent
/// (architecture decision 2). dcctl speaks as an operator at epoch 0 (<see cref="FencingToken.Operator"/>).
/// </summary>
public sealed class SitePlatform : IDisposable
{
    private readonly Func<CancellationToken, Task<GrpcChannel>> _channel;
    private readonly IDisposable _owner;
    private readonly ControllerClient? _controller;
    private readonly string? _subcloud;
    private readonly TimeSpan _timeout;

    private SitePlatform(Func<CancellationToken, Task<GrpcChannel>> channel, IDisposable owner, ControllerClient? controller, string? subcloud, TimeSpan timeout, string describe)
    {
        _channel = channel;
        _owner = owner;
        _controller = controller;
        _subcloud = subcloud;
        _timeout = timeout;
        Describe = describe;
    }

    /// <summary>Where the calls go, for messages (for example <c>agent http://[::1]:50052</c>).</summary>
    public string Describe { get; }

    public static SitePlatform ToAgent(string address, TimeSpan timeout, ClientCredentials credentials)
    {
        var channel = GrpcChannels.Create(address, timeout, credentials);
        return new SitePlatform(_ => Task.FromResult(channel), channel, controller: null, subcloud: null, timeout, $"agent {address}");
    }

    public static SitePlatform ThroughController(ControllerClient controller, string? subcloud)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var name = string.IsNullOrWhiteSpace(subcloud) ? null : subcloud.Trim();
        return new SitePlatform(controller.ChannelAsync, controller, controller, name, controller.Timeout,
            name is null ? $"{controller.Describe} (its own site)" : $"subcloud {name} through {controller.Describe}");
    }

    public Task<Site> GetSiteAsync(CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.GetSiteAsync(new GetSiteRequest(), o), cancellationToken);

    public async Task<IReadOnlyList<Network>> ListNetworksAsync(CancellationToken cancellationToken) =>
        (await CallAsync((c, o) => c.ListNetworksAsync(new ListNetworksRequest(), o), cancellationToken)).Networks;

    public async Task<IReadOnlyList<NetworkAddressPool>> ListNetworkAddressPoolsAsync(CancellationToken cancellationToken) =>
        (await CallAsync((c, o) => c.ListNetworkAddressPoolsAsync(new ListNetworkAddressPoolsRequest(), o), cancellationToken)).NetworkAddressPools;

    public async Task<IReadOnlyList<AddressPool>> ListAddressPoolsAsync(CancellationToken cancellationToken) =>
        (await CallAsync((c, o) => c.ListAddressPoolsAsync(new ListAddressPoolsRequest(), o), cancellationToken)).Pools;

    public Task<AddressPool> ShowAddressPoolAsync(string pool, CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.ShowAddressPoolAsync(new ShowAddressPoolRequest { Pool = pool }, o), cancellationToken);

    public Task<AddressPool> AddAddressPoolAsync(AddAddressPoolRequest request, CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.AddAddressPoolAsync(request, o), cancellationToken);

    public Task<AddressPool> ModifyAddressPoolAsync(ModifyAddressPoolRequest request, CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.ModifyAddressPoolAsync(request, o), cancellationToken);

    public async Task<string> DeleteAddressPoolAsync(string pool, CancellationToken cancellationToken) =>
        (await CallAsync((c, o) => c.DeleteAddressPoolAsync(new DeleteAddressPoolRequest { Pool = pool }, o), cancellationToken)).Uuid;

    public Task<NetworkAddressPool> AssignNetworkAddressPoolAsync(string network, string pool, CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.AssignNetworkAddressPoolAsync(new AssignNetworkAddressPoolRequest { Network = network, Pool = pool }, o), cancellationToken);

    public async Task<string> RemoveNetworkAddressPoolAsync(string uuid, CancellationToken cancellationToken) =>
        (await CallAsync((c, o) => c.RemoveNetworkAddressPoolAsync(new RemoveNetworkAddressPoolRequest { Uuid = uuid }, o), cancellationToken)).Uuid;

    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken) =>
        (await CallAsync((c, o) => c.ListHostsAsync(new ListHostsRequest(), o), cancellationToken)).Hosts;

    public Task<Host> ShowHostAsync(string host, CancellationToken cancellationToken) =>
        CallAsync((c, o) => c.ShowHostAsync(new ShowHostRequest { Host = host }, o), cancellationToken);

    public Task<HostActionResponse> HostActionAsync(HostAction action, HostActionRequest request, CancellationToken cancellationToken) =>
        action switch
        {
            HostAction.Lock => CallAsync((c, o) => c.LockHostAsync(request, o), cancellationToken),
            HostAction.Unlock => CallAsync((c, o) => c.UnlockHostAsync(request, o), cancellationToken),
            HostAction.Swact => CallAsync((c, o) => c.SwactHostAsync(request, o), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a host action"),
        };

    /// <summary>The site's events; for a subcloud the controller relays its agent's stream. No deadline: it lasts as long as the caller reads.</summary>
    public async IAsyncEnumerable<SiteEvent> WatchEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = new SubcloudAgent.SubcloudAgentClient(await _channel(cancellationToken));
        using var stream = client.WatchEvents(new WatchEventsRequest(), new CallOptions(Headers(), cancellationToken: cancellationToken));
        await foreach (var siteEvent in stream.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return siteEvent;
        }
    }

    /// <summary>
    /// The site's alarms. Through the controller they come from its admin API, which adds its own 280.x alarms of the
    /// site and, for its own site, a summary per subcloud (H-15); an agent answers with its site's alarms.
    /// </summary>
    public async Task<Api.ListAlarmsResponse> ListAlarmsAsync(CancellationToken cancellationToken)
    {
        if (_controller is not null)
        {
            return await _controller.CallAsync((c, o) => c.ListAlarmsAsync(new Api.ListAlarmsRequest { Subcloud = _subcloud ?? string.Empty }, o), cancellationToken);
        }

        var response = new Api.ListAlarmsResponse();
        response.Alarms.AddRange((await CallAsync((c, o) => c.ListAlarmsAsync(new ListAlarmsRequest(), o), cancellationToken)).Alarms);
        return response;
    }

    public void Dispose() => _owner.Dispose();

    private async Task<T> CallAsync<T>(Func<SubcloudAgent.SubcloudAgentClient, CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken)
    {
        var client = new SubcloudAgent.SubcloudAgentClient(await _channel(cancellationToken));
        using var pending = call(client, new CallOptions(Headers(), DateTime.UtcNow + _timeout, cancellationToken));
        return await pending.ResponseAsync;
    }

    private Metadata Headers()
    {
        var headers = new Metadata();
        FencingToken.Operator.WriteTo(headers);
        if (_subcloud is not null)
        {
            headers.Add(SubcloudMetadata.Key, _subcloud);
        }

        return headers;
    }
}
