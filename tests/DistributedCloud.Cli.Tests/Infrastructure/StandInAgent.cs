using System.Collections.Concurrent;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Contracts.Routing;
using Google.Protobuf;
using Grpc.Core;

namespace DistributedCloud.Cli.Tests.Infrastructure;

/// <summary>
/// The platform API (SubcloudAgent) serving <see cref="SampleSite"/>, as an agent or as the controller answering for
/// its own site or a subcloud: every request is recorded with the subcloud its <c>dc-subcloud</c> metadata named.
/// </summary>
public sealed class StandInAgent : SubcloudAgent.SubcloudAgentBase
{
    private volatile bool _locked;

    public ConcurrentQueue<(string? Subcloud, IMessage Request)> Requests { get; } = new();

    /// <summary>The requests of type <typeparamref name="T"/>, each with the subcloud it named (null: the own site).</summary>
    public IEnumerable<(string? Subcloud, T Request)> Received<T>() =>
        Requests.Where(r => r.Request is T).Select(r => (r.Subcloud, (T)r.Request));

    public override Task<ListNetworksResponse> ListNetworks(ListNetworksRequest request, ServerCallContext context) =>
        Answer(request, context, new ListNetworksResponse { Networks = { SampleSite.Networks() } });

    public override Task<ListAddressPoolsResponse> ListAddressPools(ListAddressPoolsRequest request, ServerCallContext context) =>
        Answer(request, context, new ListAddressPoolsResponse { Pools = { SampleSite.Pools() } });

    public override Task<AddressPool> ShowAddressPool(ShowAddressPoolRequest request, ServerCallContext context) =>
        Answer(request, context, SampleSite.Pools().First(p => p.Name == request.Pool || p.Uuid == request.Pool));

    public override Task<ListNetworkAddressPoolsResponse> ListNetworkAddressPools(ListNetworkAddressPoolsRequest request, ServerCallContext context) =>
        Answer(request, context, new ListNetworkAddressPoolsResponse { NetworkAddressPools = { SampleSite.NetworkPools() } });

    public override Task<ListHostsResponse> ListHosts(ListHostsRequest request, ServerCallContext context) =>
        Answer(request, context, new ListHostsResponse { Hosts = { SampleSite.Hosts() } });

    public override Task<Host> ShowHost(ShowHostRequest request, ServerCallContext context)
    {
        var host = SampleSite.Hosts().First(h => h.Hostname == request.Host || h.Uuid == request.Host);
        if (_locked && host.Hostname == "controller-1")
        {
            host.Administrative = AdministrativeState.Locked;
            host.Operational = OperationalState.Disabled;
            host.Availability = Availability.Online;
        }

        return Answer(request, context, host);
    }

    /// <summary>Accepts the lock with a task; the next ShowHost finds the host locked and the task gone.</summary>
    public override Task<HostActionResponse> LockHost(HostActionRequest request, ServerCallContext context)
    {
        var host = SampleSite.Hosts().First(h => h.Hostname == request.Host);
        host.Task = "Locking";
        _locked = true;
        return Answer(request, context, new HostActionResponse { Host = host, OperationId = request.OperationId });
    }

    public override Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context) =>
        Answer(request, context, new ListAlarmsResponse { Alarms = { SampleSite.Alarms() } });

    /// <summary>Sends no events: the waiting side polls the host, the stream only adds detail.</summary>
    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<SiteEvent> responseStream, ServerCallContext context)
    {
        Requests.Enqueue((SubcloudMetadata.Read(context.RequestHeaders), request));
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // dcctl stopped watching.
        }
    }

    private Task<T> Answer<T>(IMessage request, ServerCallContext context, T response)
    {
        Requests.Enqueue((SubcloudMetadata.Read(context.RequestHeaders), request));
        return Task.FromResult(response);
    }
}
